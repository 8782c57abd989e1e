// What the order stream knows: the order (once recorded), its returns in stream order with the
// cumulative returned quantity per line, the cancellation, and the attribution decision. Facts can
// arrive in any order, so returns and a cancellation may exist before the order does.
import type { AttributionDecided, DomainEvent, OrderRecorded } from '@ledger/contracts';
import { assert, assertNever } from '@ledger/kernel';

export const ORDER_EVENT_TYPES = ['OrderRecorded', 'OrderReturned', 'OrderCancelled', 'AttributionDecided'] as const;
export type OrderEvent = DomainEvent<(typeof ORDER_EVENT_TYPES)[number]>;
const orderEventTypes = new Set<string>(ORDER_EVENT_TYPES);
const isOrderEvent = (event: DomainEvent): event is OrderEvent => orderEventTypes.has(event.type);

export interface ReturnRecord {
  returnId: string;
  sourceRef: string;
  occurredAt: string;
  lines: ReadonlyArray<{ lineId: string; quantity: number }>;
  reason?: string;
  /** Returned quantity per line after this return: the running total over the stream so far. */
  cumulative: ReadonlyMap<string, number>;
  /** Position among the order's returns and cancellation, so their stream order can be rebuilt. */
  seq: number;
}

export interface CancellationRecord {
  sourceRef: string;
  occurredAt: string;
  reason?: string;
  seq: number;
}

interface Reversals {
  returns: readonly ReturnRecord[];
  cancellation: CancellationRecord | null;
}

/**
 * `unrecorded`: no OrderRecorded yet (maybe returns or a cancellation that came first);
 * `recorded`: the order is known and waits for the attribution decision; `decided`: both.
 */
export type OrderState =
  | ({ status: 'unrecorded' } & Reversals)
  | ({ status: 'recorded'; order: OrderRecorded } & Reversals)
  | ({ status: 'decided'; order: OrderRecorded; decision: AttributionDecided } & Reversals);

export function initialOrderState(): OrderState {
  return { status: 'unrecorded', returns: [], cancellation: null };
}

export function evolveOrder(state: OrderState, event: DomainEvent): OrderState {
  if (!isOrderEvent(event)) return state;
  switch (event.type) {
    case 'OrderRecorded':
      // The decider never emits a second OrderRecorded; if concurrent writers ever land one, the first fact stands.
      if (state.status !== 'unrecorded') return state;
      return { ...state, status: 'recorded', order: event.data };
    case 'OrderReturned': {
      const { returnId, sourceRef, occurredAt, lines, reason } = event.data;
      // Same rule as decide: a return already counted (by id or source reference) counts once.
      if (state.returns.some((r) => r.returnId === returnId || r.sourceRef === sourceRef)) return state;
      const before = returnedQuantities(state);
      const cumulative = new Map(before);
      for (const line of lines) {
        assert(Number.isSafeInteger(line.quantity) && line.quantity > 0, `returned quantity of line ${line.lineId} is a positive integer`);
        cumulative.set(line.lineId, (cumulative.get(line.lineId) ?? 0) + line.quantity);
      }
      const record: ReturnRecord = { returnId, sourceRef, occurredAt, lines, ...(reason === undefined ? {} : { reason }), cumulative, seq: reversalCount(state) };
      return { ...state, returns: [...state.returns, record] };
    }
    case 'OrderCancelled': {
      if (state.cancellation !== null) return state;
      const { sourceRef, occurredAt, reason } = event.data;
      return { ...state, cancellation: { sourceRef, occurredAt, ...(reason === undefined ? {} : { reason }), seq: reversalCount(state) } };
    }
    case 'AttributionDecided':
      assert(state.status === 'recorded', `attribution of order ${event.data.orderId} decided while ${state.status}`);
      assert(event.data.orderId === state.order.orderId, `decision for order ${event.data.orderId} on the stream of ${state.order.orderId}`);
      return { ...state, status: 'decided', decision: event.data };
    default:
      return assertNever(event, 'unknown order event');
  }
}

function reversalCount(state: OrderState): number {
  return state.returns.length + (state.cancellation === null ? 0 : 1);
}

// ── helpers for the attribution & earnings process manager ──────────────────

/**
 * Returned quantity per line over every return so far (raw facts). Only a return that came before
 * its order can exceed a line's quantity or name an unknown line; clawback math clamps to the line.
 */
export function returnedQuantities(state: OrderState): ReadonlyMap<string, number> {
  const last = state.returns[state.returns.length - 1];
  return last === undefined ? new Map() : last.cumulative;
}

/** The order is recorded and nobody has decided its attribution yet. */
export function needsAttribution(state: OrderState): state is Extract<OrderState, { status: 'recorded' }> {
  return state.status === 'recorded';
}

export function isCancelled(state: OrderState): boolean {
  return state.cancellation !== null;
}

/** A return or the cancellation as a cause of clawbacks; the cancellation's id is the order id. */
export type ReversalFact =
  | { kind: 'return'; returnId: string; lines: ReadonlyArray<{ lineId: string; quantity: number }> }
  | { kind: 'cancellation'; id: string };

/** Returns and the cancellation in stream order: the input of the cumulative clawback steps. */
export function reversalFacts(state: OrderState, orderId: string): ReversalFact[] {
  const facts: Array<{ seq: number; fact: ReversalFact }> = state.returns.map((r) => ({ seq: r.seq, fact: { kind: 'return', returnId: r.returnId, lines: r.lines } }));
  if (state.cancellation !== null) facts.push({ seq: state.cancellation.seq, fact: { kind: 'cancellation', id: orderId } });
  return facts.sort((a, b) => a.seq - b.seq).map((f) => f.fact);
}
