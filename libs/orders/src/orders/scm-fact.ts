// An SCM fact as it arrives (an HTTP body, an NDJSON line, a NATS message) → a command of the order
// decider, or every problem with it. One parser for all three doors, so a fact is judged the same
// whichever way it came. Hand-written rather than class-validator: the domain validators are the
// rules (tested once), this adds only the shape around them, and it is cheap enough for 10,000 lines.
import { businessTimeProblem, ISO_CURRENCY_PROBLEM, isIsoCurrency, jsonTextProblems, LIMITS, type FieldProblem } from '@ledger/kernel';
import { validateCancelOrder, validateRecordOrder, validateRecordReturn, type CancelOrder, type RecordOrder, type RecordReturn } from '../domain';

export const SCM_FACT_TYPES = ['OrderPlaced', 'OrderReturned', 'OrderCancelled'] as const;
export type ScmFactType = (typeof SCM_FACT_TYPES)[number];

/** The decider commands an SCM fact becomes. */
export type ScmFact = RecordOrder | RecordReturn | CancelOrder;

export type ParsedFact = { ok: true; fact: ScmFact } | { ok: false; orderId?: string; problems: FieldProblem[] };

const ORDER_FIELDS = ['sourceRef', 'orderId', 'channel', 'customerRef', 'occurredAt', 'currency', 'lines', 'codes'];
const ORDER_LINE_FIELDS = ['lineId', 'sku', 'category', 'quantity', 'unitPrice', 'discount'];
const RETURN_FIELDS = ['sourceRef', 'orderId', 'returnId', 'occurredAt', 'lines', 'reason'];
const RETURN_LINE_FIELDS = ['lineId', 'quantity'];
const CANCEL_FIELDS = ['sourceRef', 'orderId', 'occurredAt', 'reason'];

/** An NDJSON line or a NATS message: `{ "type": "OrderPlaced" | "OrderReturned" | "OrderCancelled", ...fields }`. */
export function parseScmEvent(raw: unknown): ParsedFact {
  if (!isObject(raw)) return { ok: false, problems: [{ field: '', problem: 'must be a JSON object' }] };
  const unstorable = jsonTextProblems(raw);
  if (unstorable.length > 0) return { ok: false, ...orderIdOf(raw), problems: unstorable };
  const { type, ...fields } = raw;
  if (!(SCM_FACT_TYPES as readonly unknown[]).includes(type)) {
    return { ok: false, ...orderIdOf(fields), problems: [{ field: 'type', problem: `must be one of ${SCM_FACT_TYPES.join(', ')}` }] };
  }
  return parseFields(type as ScmFactType, fields);
}

/** The body of order/record (OrderPlaced), order/return (OrderReturned) or order/cancel (OrderCancelled). */
export function parseScmFact(type: ScmFactType, raw: unknown): ParsedFact {
  if (!isObject(raw)) return { ok: false, problems: [{ field: '', problem: 'must be a JSON object' }] };
  // NUL, lone surrogates, deep nesting: the HTTP edge refuses them too, but NATS messages come only through here.
  const unstorable = jsonTextProblems(raw);
  if (unstorable.length > 0) return { ok: false, ...orderIdOf(raw), problems: unstorable };
  return parseFields(type, raw);
}

function parseFields(type: ScmFactType, raw: Record<string, unknown>): ParsedFact {
  switch (type) {
    case 'OrderPlaced':
      return parseOrder(raw);
    case 'OrderReturned':
      return parseReturn(raw);
    case 'OrderCancelled':
      return parseCancel(raw);
  }
}

function parseOrder(raw: Record<string, unknown>): ParsedFact {
  const problems = unknownFields(raw, ORDER_FIELDS, '');
  const lines = linesOf(raw.lines, ORDER_LINE_FIELDS, problems);
  const data = {
    sourceRef: raw.sourceRef,
    orderId: raw.orderId,
    channel: raw.channel,
    customerRef: raw.customerRef,
    occurredAt: raw.occurredAt,
    currency: raw.currency,
    lines: lines.map((l) => pick(l, ORDER_LINE_FIELDS)),
    ...(raw.codes === undefined ? {} : { codes: raw.codes }),
  } as unknown as RecordOrder['data']; // unchecked until the validator below passes
  problems.push(...validateRecordOrder(data));
  problems.push(...storableTime(problems, raw.occurredAt), ...isoCurrency(problems, raw.currency));
  return outcome(problems, raw, { type: 'RecordOrder', data });
}

function parseReturn(raw: Record<string, unknown>): ParsedFact {
  const problems = unknownFields(raw, RETURN_FIELDS, '');
  const lines = linesOf(raw.lines, RETURN_LINE_FIELDS, problems);
  const data = {
    sourceRef: raw.sourceRef,
    orderId: raw.orderId,
    returnId: raw.returnId,
    occurredAt: raw.occurredAt,
    lines: lines.map((l) => pick(l, RETURN_LINE_FIELDS)),
    ...(raw.reason === undefined ? {} : { reason: raw.reason }),
  } as unknown as RecordReturn['data']; // unchecked until the validator below passes
  problems.push(...validateRecordReturn(data), ...checkReason(raw.reason));
  problems.push(...storableTime(problems, raw.occurredAt));
  return outcome(problems, raw, { type: 'RecordReturn', data });
}

function parseCancel(raw: Record<string, unknown>): ParsedFact {
  const problems = unknownFields(raw, CANCEL_FIELDS, '');
  const data = {
    sourceRef: raw.sourceRef,
    orderId: raw.orderId,
    occurredAt: raw.occurredAt,
    ...(raw.reason === undefined ? {} : { reason: raw.reason }),
  } as unknown as CancelOrder['data']; // unchecked until the validator below passes
  problems.push(...validateCancelOrder(data), ...checkReason(raw.reason));
  problems.push(...storableTime(problems, raw.occurredAt));
  return outcome(problems, raw, { type: 'CancelOrder', data });
}

function outcome(problems: FieldProblem[], raw: Record<string, unknown>, fact: ScmFact): ParsedFact {
  return problems.length === 0 ? { ok: true, fact } : { ok: false, ...orderIdOf(raw), problems: dedupe(problems) };
}

/** `lines` as objects for the validators; a non-array or non-object entry is reported by them or here. */
function linesOf(value: unknown, allowed: string[], problems: FieldProblem[]): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return [];
  return value.map((line: unknown, i) => {
    if (!isObject(line)) {
      problems.push({ field: `lines[${i}]`, problem: 'must be an object' });
      return {};
    }
    problems.push(...unknownFields(line, allowed, `lines[${i}].`));
    return line;
  });
}

// The domain validators check the shape (an ISO 8601 instant, three capitals); the edge adds what the
// store and the projections need: a real calendar time inside LIMITS.time, a currency of the ISO list.
// Each only when the validator passed the field, so one field gets one problem.
function storableTime(found: FieldProblem[], occurredAt: unknown): FieldProblem[] {
  if (found.some((p) => p.field === 'occurredAt')) return [];
  const problem = businessTimeProblem(occurredAt);
  return problem === null ? [] : [{ field: 'occurredAt', problem }];
}

function isoCurrency(found: FieldProblem[], currency: unknown): FieldProblem[] {
  if (found.some((p) => p.field === 'currency') || isIsoCurrency(currency)) return [];
  return [{ field: 'currency', problem: ISO_CURRENCY_PROBLEM }];
}

function checkReason(reason: unknown): FieldProblem[] {
  if (reason === undefined) return [];
  return typeof reason === 'string' && reason.length <= LIMITS.orders.reasonChars
    ? []
    : [{ field: 'reason', problem: `must be a text of at most ${LIMITS.orders.reasonChars} characters` }];
}

/** Unknown properties are refused, not dropped: a misspelt `discount` must not silently become no discount. */
function unknownFields(raw: Record<string, unknown>, allowed: string[], prefix: string): FieldProblem[] {
  return Object.keys(raw)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ field: `${prefix}${key}`, problem: `property ${key} should not exist` }));
}

/** Only the known fields, and only those present (an absent optional stays absent in the event). */
function pick(raw: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (raw[field] !== undefined) out[field] = raw[field];
  return out;
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The order a refused fact is about, when it names one: callers find their line by it. */
function orderIdOf(raw: Record<string, unknown>): { orderId?: string } {
  const orderId = raw.orderId;
  return typeof orderId === 'string' && orderId.trim() !== '' ? { orderId } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
