// NDJSON → one entry per non-blank line, numbered as an editor numbers them (1-based, blank lines
// count), so a caller can find a rejected line in the file it sent.
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { EdgeHttpError } from '@ledger/http';

export type NdjsonEntry = { line: number; ok: true; value: unknown } | { line: number; ok: false; detail: string };

export function parseNdjson(body: string): NdjsonEntry[] {
  const entries: NdjsonEntry[] = [];
  const rows = body.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const text = rows[i]!.trim(); // also drops the \r of CRLF files
    if (text === '') continue;
    if (entries.length === LIMITS.http.ndjsonLines) {
      throw new EdgeHttpError(413, 'TOO_MANY_LINES', `At most ${LIMITS.http.ndjsonLines} lines per request; split the batch.`);
    }
    try {
      entries.push({ line: i + 1, ok: true, value: JSON.parse(text) as unknown });
    } catch (error) {
      entries.push({ line: i + 1, ok: false, detail: `not valid JSON: ${(error as Error).message}` });
    }
  }
  if (entries.length === 0) throw new ValidationFailed([{ field: 'body', problem: 'must hold at least one SCM event, one JSON object a line' }]);
  return entries;
}
