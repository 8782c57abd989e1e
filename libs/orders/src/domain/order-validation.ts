// Shape and range checks of SCM facts, one FieldProblem per bad field (a 400 at the edge, a bad
// line in an NDJSON batch). Whether a fact fits the order's history is the decider's question.
import { CHANNELS } from '@ledger/contracts';
import { CURRENCY_PATTERN, LIMITS, type FieldProblem } from '@ledger/kernel';
import type { CancelOrder, RecordOrder, RecordReturn } from './order.commands';

export const ORDER_CODES_MAX = 20;
const ID_CHARS_MAX = 200;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function validateRecordOrder(data: RecordOrder['data']): FieldProblem[] {
  const problems = [...checkId('orderId', data.orderId), ...checkId('sourceRef', data.sourceRef)];
  if (!(CHANNELS as readonly unknown[]).includes(data.channel)) problems.push({ field: 'channel', problem: `must be one of ${CHANNELS.join(', ')}` });
  problems.push(...checkId('customerRef', data.customerRef), ...checkInstant('occurredAt', data.occurredAt));
  if (typeof data.currency !== 'string' || !CURRENCY_PATTERN.test(data.currency)) problems.push({ field: 'currency', problem: 'must be an ISO 4217 code such as EUR' });
  const lines: unknown[] = Array.isArray(data.lines) ? data.lines : [];
  if (lines.length === 0 || lines.length > LIMITS.domain.orderLines) {
    problems.push({ field: 'lines', problem: `must list 1 to ${LIMITS.domain.orderLines} lines` });
  }
  const lineIds = new Set<unknown>();
  let orderGross = 0;
  data.lines?.forEach((line, i) => {
    const at = `lines[${i}]`;
    problems.push(...checkId(`${at}.lineId`, line?.lineId), ...checkId(`${at}.sku`, line?.sku));
    if (lineIds.has(line?.lineId)) problems.push({ field: `${at}.lineId`, problem: 'must not repeat a line id' });
    lineIds.add(line?.lineId);
    if (line?.category !== undefined) problems.push(...checkId(`${at}.category`, line.category));
    if (!isIntegerIn(line?.quantity, 1, LIMITS.domain.moneyMinorMax)) problems.push({ field: `${at}.quantity`, problem: 'must be a positive integer' });
    if (!isIntegerIn(line?.unitPrice, 0, LIMITS.domain.moneyMinorMax)) problems.push({ field: `${at}.unitPrice`, problem: 'must be a non-negative integer of minor units' });
    // The earnings arithmetic relies on every base fitting LIMITS.domain.moneyMinorMax (safe integers).
    const lineGross = isIntegerIn(line?.quantity, 1, LIMITS.domain.moneyMinorMax) && isIntegerIn(line?.unitPrice, 0, LIMITS.domain.moneyMinorMax) ? line.quantity * line.unitPrice : 0;
    if (lineGross > LIMITS.domain.moneyMinorMax) problems.push({ field: `${at}.unitPrice`, problem: `quantity × unitPrice must not exceed ${LIMITS.domain.moneyMinorMax} minor units` });
    orderGross += lineGross;
    if (line?.discount !== undefined) {
      // The line's total discount cannot make its base negative.
      const gross = isIntegerIn(line.quantity, 1, LIMITS.domain.moneyMinorMax) && isIntegerIn(line.unitPrice, 0, LIMITS.domain.moneyMinorMax) ? line.quantity * line.unitPrice : LIMITS.domain.moneyMinorMax;
      if (!isIntegerIn(line.discount, 0, gross)) problems.push({ field: `${at}.discount`, problem: 'must be an integer of minor units from 0 to quantity × unitPrice' });
    }
  });
  if (orderGross > LIMITS.domain.moneyMinorMax) problems.push({ field: 'lines', problem: `the order's total must not exceed ${LIMITS.domain.moneyMinorMax} minor units` });
  if (data.codes !== undefined) {
    if (!Array.isArray(data.codes) || data.codes.length > ORDER_CODES_MAX) problems.push({ field: 'codes', problem: `must list at most ${ORDER_CODES_MAX} codes` });
    else data.codes.forEach((code, i) => problems.push(...checkId(`codes[${i}]`, code)));
  }
  return problems;
}

export function validateRecordReturn(data: RecordReturn['data']): FieldProblem[] {
  const problems = [
    ...checkId('orderId', data.orderId),
    ...checkId('returnId', data.returnId),
    ...checkId('sourceRef', data.sourceRef),
    ...checkInstant('occurredAt', data.occurredAt),
  ];
  const lines: unknown[] = Array.isArray(data.lines) ? data.lines : [];
  if (lines.length === 0 || lines.length > LIMITS.domain.orderLines) problems.push({ field: 'lines', problem: `must list 1 to ${LIMITS.domain.orderLines} lines` });
  const lineIds = new Set<unknown>();
  data.lines?.forEach((line, i) => {
    problems.push(...checkId(`lines[${i}].lineId`, line?.lineId));
    if (lineIds.has(line?.lineId)) problems.push({ field: `lines[${i}].lineId`, problem: 'must not repeat a line id' });
    lineIds.add(line?.lineId);
    if (!isIntegerIn(line?.quantity, 1, LIMITS.domain.moneyMinorMax)) problems.push({ field: `lines[${i}].quantity`, problem: 'must be a positive integer' });
  });
  return problems;
}

export function validateCancelOrder(data: CancelOrder['data']): FieldProblem[] {
  return [...checkId('orderId', data.orderId), ...checkId('sourceRef', data.sourceRef), ...checkInstant('occurredAt', data.occurredAt)];
}

function checkId(field: string, value: unknown): FieldProblem[] {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= ID_CHARS_MAX
    ? []
    : [{ field, problem: `must be a non-blank text of at most ${ID_CHARS_MAX} characters` }];
}

function checkInstant(field: string, value: unknown): FieldProblem[] {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value)) ? [] : [{ field, problem: 'must be an ISO 8601 time with offset' }];
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}
