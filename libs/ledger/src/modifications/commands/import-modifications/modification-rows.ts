// earning/import bodies → rows of text fields. CSV (csv-parse) with the header API.md names, or XML
// (fast-xml-parser) <modifications><modification action=".." .../></modifications> with the same
// attributes. A row that is wrong on its own (a missing column) is kept, to be rejected by itself;
// a body that cannot be read at all (bad quoting, not XML) is refused whole (400), and more than
// LIMITS.modifications.importRows rows is 413 before any row is applied.
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InvalidRequest } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';

export const IMPORT_COLUMNS = ['action', 'earningId', 'orderId', 'level', 'amount', 'commissionBase', 'currency', 'reasonCode', 'note', 'modificationId'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export interface RawRow {
  /** Data rows from 1 (the CSV header is not a row). */
  row: number;
  fields: Partial<Record<ImportColumn, string>>;
  /** Set when the row could not be read as a row (wrong number of CSV fields, an unknown XML attribute). */
  problem?: string;
}

export class TooManyRows extends Error {
  constructor(readonly rows: number) {
    super(`The file has ${rows} rows; at most ${LIMITS.modifications.importRows} per import.`);
  }
}

export function parseCsvRows(text: string): RawRow[] {

  let records: Array<{ record: string[]; info: { invalid_field_length: number } }>;
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true, info: true }) as never;
  } catch (error) {
    throw new InvalidRequest('MALFORMED_CSV', `The body is not readable CSV: ${(error as Error).message}`);
  }
  const header = records.shift()?.record;
  if (header === undefined) throw new InvalidRequest('MALFORMED_CSV', 'The body has no header line.', [{ field: 'header', problem: `must be ${IMPORT_COLUMNS.join(',')}` }]);
  const unknown = header.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
  const missing = (['action', 'reasonCode'] as const).filter((name) => !header!.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    throw new InvalidRequest('MALFORMED_CSV', 'The header names unknown columns or lacks required ones.', [
      ...unknown.map((name) => ({ field: `header.${name}`, problem: `is not a column; columns: ${IMPORT_COLUMNS.join(',')}` })),
      ...missing.map((name) => ({ field: `header.${name}`, problem: 'is required' })),
    ]);
  }
  if (records.length > LIMITS.modifications.importRows) throw new TooManyRows(records.length);
  return records.map(({ record }, i) => {
    const fields: RawRow['fields'] = {};
    header!.forEach((name, column) => {
      const value = record[column];
      if (value !== undefined && value !== '') fields[name as ImportColumn] = value;
    });
    return record.length === header!.length ? { row: i + 1, fields } : { row: i + 1, fields, problem: `has ${record.length} fields, the header ${header!.length}` };
  });
}

export function parseXmlRows(text: string): RawRow[] {
  // Entities declared in a DOCTYPE are how XML bombs grow; a modifications file never needs one.
  if (/<!DOCTYPE/i.test(text)) throw new InvalidRequest('MALFORMED_XML', 'A DOCTYPE is not accepted.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new InvalidRequest('MALFORMED_XML', `The body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, isArray: (name) => name === 'modification' }).parse(text) as Record<string, unknown>;
  const root = parsed['modifications'];
  if (root === undefined || (root !== '' && (typeof root !== 'object' || root === null))) {
    throw new InvalidRequest('MALFORMED_XML', 'The root element must be <modifications>.', [{ field: 'modifications', problem: 'is the root element' }]);
  }
  const elements = root === '' ? [] : (((root as Record<string, unknown>)['modification'] as unknown[] | undefined) ?? []);
  if (elements.length > LIMITS.modifications.importRows) throw new TooManyRows(elements.length);
  return elements.map((element, i) => {
    const fields: RawRow['fields'] = {};
    const unknown: string[] = [];
    for (const [name, value] of Object.entries(typeof element === 'object' && element !== null ? element : {})) {
      if ((IMPORT_COLUMNS as readonly string[]).includes(name) && typeof value === 'string') {
        if (value.trim() !== '') fields[name as ImportColumn] = value.trim();
      } else unknown.push(name);
    }
    return unknown.length === 0 ? { row: i + 1, fields } : { row: i + 1, fields, problem: `has unknown attributes or content: ${unknown.join(', ')}` };
  });
}
