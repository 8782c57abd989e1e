// When two deliveries of an SCM fact are "the same fact": their normalised content is equal.
// SCM facts are immutable: a changed order comes as a return or a cancellation, never as the
// order again with other figures, so no content field may legitimately differ in a re-delivery.
// What normalising forgives is representation only:
//   - times are compared as instants, to the nanosecond (`11:00+01:00` is `10:00Z`);
//   - lines are keyed by lineId (any order); codes are a set (any order, a repeat counts once);
//   - an absent optional field is its default: discount 0, codes none, category none, reason
//     none (an empty reason is none too);
//   - the source reference is the delivery's, not the fact's: the same order (or the same
//     cancellation, or the same return id) sent again under another reference with the same
//     content is the same fact.
// Everything else counts, exactly: ids, skus, customer, channel, currency, amounts, quantities.
import type { OrderRecorded } from '@ledger/contracts';

/** One field whose normalised value differs; values as the two deliveries carry them. */
export interface FactDifference {
  /** Lines by id, not index (their order does not count): `lines[lineId=l1].quantity`. */
  field: string;
  recorded: unknown;
  sent: unknown;
}

export interface ReturnContent {
  returnId: string;
  occurredAt: string;
  lines: ReadonlyArray<{ lineId: string; quantity: number }>;
  reason?: string;
}

export interface CancellationContent {
  occurredAt: string;
  reason?: string;
}

type OrderContent = Omit<OrderRecorded, 'codes' | 'sourceRef'> & { codes?: readonly string[] };

export function orderDifferences(recorded: OrderContent, sent: OrderContent): FactDifference[] {
  const differences: FactDifference[] = [];
  for (const field of ['orderId', 'channel', 'customerRef', 'currency'] as const) {
    if (recorded[field] !== sent[field]) differences.push({ field, recorded: recorded[field], sent: sent[field] });
  }
  if (instantKey(recorded.occurredAt) !== instantKey(sent.occurredAt)) differences.push({ field: 'occurredAt', recorded: recorded.occurredAt, sent: sent.occurredAt });
  differences.push(
    ...lineDifferences(recorded.lines, sent.lines, (r, s) => {
      const out: FactDifference[] = [];
      if (r.sku !== s.sku) out.push({ field: 'sku', recorded: r.sku, sent: s.sku });
      if ((r.category ?? null) !== (s.category ?? null)) out.push({ field: 'category', recorded: r.category ?? null, sent: s.category ?? null });
      if (r.quantity !== s.quantity) out.push({ field: 'quantity', recorded: r.quantity, sent: s.quantity });
      if (r.unitPrice !== s.unitPrice) out.push({ field: 'unitPrice', recorded: r.unitPrice, sent: s.unitPrice });
      if ((r.discount ?? 0) !== (s.discount ?? 0)) out.push({ field: 'discount', recorded: r.discount ?? 0, sent: s.discount ?? 0 });
      return out;
    }),
  );
  // A set: attribution counts each distinct code once, so neither order nor repeats are content.
  const codes = (c: readonly string[] | undefined) => [...new Set(c ?? [])].sort();
  if (JSON.stringify(codes(recorded.codes)) !== JSON.stringify(codes(sent.codes))) differences.push({ field: 'codes', recorded: recorded.codes ?? [], sent: sent.codes ?? [] });
  return differences;
}

export function returnDifferences(recorded: ReturnContent, sent: ReturnContent): FactDifference[] {
  const differences: FactDifference[] = [];
  if (recorded.returnId !== sent.returnId) differences.push({ field: 'returnId', recorded: recorded.returnId, sent: sent.returnId });
  differences.push(...reversalDifferences(recorded, sent));
  differences.push(
    ...lineDifferences(recorded.lines, sent.lines, (r, s) => (r.quantity === s.quantity ? [] : [{ field: 'quantity', recorded: r.quantity, sent: s.quantity }])),
  );
  return differences;
}

export function cancellationDifferences(recorded: CancellationContent, sent: CancellationContent): FactDifference[] {
  return reversalDifferences(recorded, sent);
}

function reversalDifferences(recorded: CancellationContent, sent: CancellationContent): FactDifference[] {
  const differences: FactDifference[] = [];
  if (instantKey(recorded.occurredAt) !== instantKey(sent.occurredAt)) differences.push({ field: 'occurredAt', recorded: recorded.occurredAt, sent: sent.occurredAt });
  const reason = (r: string | undefined) => (r === undefined || r === '' ? null : r);
  if (reason(recorded.reason) !== reason(sent.reason)) differences.push({ field: 'reason', recorded: reason(recorded.reason), sent: reason(sent.reason) });
  return differences;
}

/** Lines matched by lineId: a line only one side has is a difference of the whole line. */
function lineDifferences<L extends { lineId: string }>(recorded: readonly L[], sent: readonly L[], compare: (r: L, s: L) => FactDifference[]): FactDifference[] {
  const differences: FactDifference[] = [];
  const sentById = new Map(sent.map((l) => [l.lineId, l]));
  const recordedIds = new Set(recorded.map((l) => l.lineId));
  for (const r of [...recorded].sort(byLineId)) {
    const s = sentById.get(r.lineId);
    const at = `lines[lineId=${r.lineId}]`;
    if (s === undefined) differences.push({ field: at, recorded: r, sent: null });
    else differences.push(...compare(r, s).map((d) => ({ ...d, field: `${at}.${d.field}` })));
  }
  for (const s of [...sent].sort(byLineId)) {
    if (!recordedIds.has(s.lineId)) differences.push({ field: `lines[lineId=${s.lineId}]`, recorded: null, sent: s });
  }
  return differences;
}

function byLineId(a: { lineId: string }, b: { lineId: string }): number {
  return a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : 0;
}

const ISO = /^(.*T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant an ISO 8601 time names, as a comparable key to the nanosecond (Date keeps only
 * milliseconds, and the validator lets 9 fraction digits through). A text that does not parse
 * is its own key: validation refused it before any comparison anyway.
 */
export function instantKey(iso: string): string {
  const m = ISO.exec(iso);
  if (m === null) return iso;
  const wholeSeconds = Date.parse(`${m[1]}${m[3]}`);
  return Number.isNaN(wholeSeconds) ? iso : `${wholeSeconds}.${(m[2] ?? '').padEnd(9, '0')}`;
}
