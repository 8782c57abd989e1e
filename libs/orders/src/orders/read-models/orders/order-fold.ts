// The orders read model's fold, pure: an order's current view (from its row, or nothing) plus its
// stream's new events → the next view. Mirrors the order stream's evolve: the first OrderRecorded
// stands, returns accumulate per line (before the order too), one cancellation, one decision.
import type { AttributionDecided, OrderCancelled, OrderRecorded, OrderReturned } from '@ledger/contracts';
import { assert } from '@ledger/kernel';
import type { AttributionStatus, OrderStatus } from './orders.table';

export interface LineView {
  lineId: string;
  lineNo: number;
  sku: string;
  category: string | null;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  baseMinor: number;
  returnedQuantity: number;
}

export interface ReturnView {
  returnId: string;
  sourceRef: string;
  occurredAt: string;
  reason: string | null;
  lines: Array<{ lineId: string; quantity: number }>;
  quantity: number;
  revision: number;
}

export interface OrderView {
  org: string;
  orderId: string;
  sourceRef: string | null;
  channel: string | null;
  customerRef: string | null;
  currency: string | null;
  occurredAt: string | null;
  sortAt: string;
  codes: string[];
  lineCount: number;
  quantity: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  /** Sum over lines of min(returned, ordered); kept as is while the lines are not loaded. */
  returnedQuantity: number;
  returnedByLine: Record<string, number>;
  returnCount: number;
  cancelledAt: string | null;
  cancelSourceRef: string | null;
  cancelReason: string | null;
  attribution: AttributionStatus;
  campaignId: string | null;
  influencerId: string | null;
  rulesVersion: number | null;
  attributionReason: string | null;
  earningsMinor: number | null;
  lastRevision: number;
  updatedAt: string;
}

/** A view being folded: `lines` known when the order is recorded (loaded or from the event), dirty ones rewritten. */
export interface Folding {
  view: OrderView;
  lines: LineView[] | null;
  linesChanged: boolean;
  newReturns: ReturnView[];
}

export interface OrderStreamEvent {
  type: string;
  data: unknown;
}

export function emptyView(org: string, orderId: string, firstFactAt: string, recordedAt: string): OrderView {
  return {
    org, orderId, sourceRef: null, channel: null, customerRef: null, currency: null, occurredAt: null, sortAt: firstFactAt, codes: [],
    lineCount: 0, quantity: 0, grossMinor: 0, discountMinor: 0, netMinor: 0, returnedQuantity: 0, returnedByLine: {}, returnCount: 0,
    cancelledAt: null, cancelSourceRef: null, cancelReason: null,
    attribution: 'pending', campaignId: null, influencerId: null, rulesVersion: null, attributionReason: null, earningsMinor: null,
    lastRevision: -1, updatedAt: recordedAt,
  };
}

/** Applies one event of the order's stream; events at or below the view's revision were applied before (replay). */
export function foldEvent(f: Folding, event: OrderStreamEvent, revision: number, recordedAt: string): void {
  if (revision <= f.view.lastRevision) return;
  assert(revision === f.view.lastRevision + 1 || f.view.lastRevision === -1, `order ${f.view.orderId}: revision ${revision} after ${f.view.lastRevision}`);
  const v = f.view;
  switch (event.type) {
    case 'OrderRecorded': {
      if (v.sourceRef !== null) break; // the first fact stands (as in the stream's evolve)
      const o = event.data as OrderRecorded;
      Object.assign(v, { sourceRef: o.sourceRef, channel: o.channel, customerRef: o.customerRef, currency: o.currency, occurredAt: o.occurredAt, sortAt: o.occurredAt, codes: [...o.codes] });
      f.lines = o.lines.map((l, i) => {
        const discount = l.discount ?? 0;
        return { lineId: l.lineId, lineNo: i + 1, sku: l.sku, category: l.category ?? null, quantity: l.quantity, unitPriceMinor: l.unitPrice, discountMinor: discount, baseMinor: l.quantity * l.unitPrice - discount, returnedQuantity: 0 };
      });
      f.linesChanged = true;
      break;
    }
    case 'OrderReturned': {
      const r = event.data as OrderReturned;
      for (const line of r.lines) v.returnedByLine[line.lineId] = (v.returnedByLine[line.lineId] ?? 0) + line.quantity;
      v.returnCount += 1;
      if (v.sourceRef === null && Date.parse(r.occurredAt) < Date.parse(v.sortAt)) v.sortAt = r.occurredAt;
      f.newReturns.push({ returnId: r.returnId, sourceRef: r.sourceRef, occurredAt: r.occurredAt, reason: r.reason ?? null, lines: r.lines.map(({ lineId, quantity }) => ({ lineId, quantity })), quantity: r.lines.reduce((s, l) => s + l.quantity, 0), revision });
      f.linesChanged = f.lines !== null || f.linesChanged;
      break;
    }
    case 'OrderCancelled': {
      if (v.cancelledAt !== null) break;
      const c = event.data as OrderCancelled;
      Object.assign(v, { cancelledAt: c.occurredAt, cancelSourceRef: c.sourceRef, cancelReason: c.reason ?? null });
      if (v.sourceRef === null && Date.parse(c.occurredAt) < Date.parse(v.sortAt)) v.sortAt = c.occurredAt;
      break;
    }
    case 'AttributionDecided': {
      const d = event.data as AttributionDecided;
      Object.assign(v, {
        attribution: d.attributed ? 'attributed' : 'unattributed',
        campaignId: d.campaignId ?? null,
        influencerId: d.influencerId ?? null,
        rulesVersion: d.rulesVersion ?? null,
        attributionReason: d.reason ?? null,
        earningsMinor: d.earnings.reduce((s, e) => s + e.amount.amount, 0),
      });
      break;
    }
    default:
      break; // an event this read model does not show still moves the revision
  }
  v.lastRevision = revision;
  v.updatedAt = recordedAt;
}

/** Totals and line returns recomputed from the lines and the raw returned quantities (never incremented). */
export function settleTotals(f: Folding): void {
  const v = f.view;
  if (f.lines === null) return;
  let quantity = 0, gross = 0, discount = 0, net = 0, returned = 0;
  for (const line of f.lines) {
    // A return that came before its order may name more than was ordered: clamp, as the clawback math does.
    line.returnedQuantity = Math.min(line.quantity, v.returnedByLine[line.lineId] ?? 0);
    quantity += line.quantity;
    gross += line.quantity * line.unitPriceMinor;
    discount += line.discountMinor;
    net += line.baseMinor;
    returned += line.returnedQuantity;
  }
  Object.assign(v, { lineCount: f.lines.length, quantity, grossMinor: gross, discountMinor: discount, netMinor: net, returnedQuantity: returned });
}

export function statusOf(view: OrderView): OrderStatus {
  const returned = view.returnedQuantity;
  if (view.cancelledAt !== null) return 'cancelled';
  if (view.sourceRef === null) return 'awaiting_order';
  if (returned > 0 && returned >= view.quantity) return 'returned';
  return returned > 0 ? 'partially_returned' : 'recorded';
}
