// Order stream (order-<org>.<orderId>): the reconciliation point of SCM facts. Facts are idempotent
// by their identity (sourceRef, returnId, one cancellation), may arrive in any order, and a return
// before its order is accepted as is — the decision later sees both.
import type { AttributionDecided, DomainEvent, OrderRecorded } from '@ledger/contracts';
import { assert, assertNever, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import type { OrderCommand, RecordOrder, RecordReturn } from './order.commands';
import { OrderAlreadyRecorded, ReturnExceedsQuantity, ReturnLimitReached, UnknownOrderLine } from './order.errors';
import { evolveOrder, initialOrderState, returnedQuantities, type OrderEvent, type OrderState } from './order.state';
import { validateCancelOrder, validateRecordOrder, validateRecordReturn } from './order-validation';

function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'RecordOrder':
      return recordOrder(command.data, state);
    case 'RecordReturn':
      return recordReturn(command.data, state);
    case 'CancelOrder': {
      refuseInvalid(validateCancelOrder(command.data));
      if (state.cancellation !== null) return []; // cancelled is cancelled, whichever delivery says it
      const { orderId, sourceRef, occurredAt, reason } = command.data;
      return [{ type: 'OrderCancelled', data: { orderId, sourceRef, occurredAt, ...(reason === undefined ? {} : { reason }) } }];
    }
    case 'RecordAttributionDecision':
      return recordDecision(command.data, state);
    default:
      return assertNever(command, 'unknown order command');
  }
}

function recordOrder(data: RecordOrder['data'], state: OrderState): OrderEvent[] {
  refuseInvalid(validateRecordOrder(data));
  const fact: OrderRecorded = {
    orderId: data.orderId,
    sourceRef: data.sourceRef,
    channel: data.channel,
    customerRef: data.customerRef,
    occurredAt: data.occurredAt,
    currency: data.currency,
    lines: data.lines.map((line) => ({ ...line })),
    codes: [...(data.codes ?? [])],
  };
  if (state.status === 'unrecorded') return [{ type: 'OrderRecorded', data: fact }];
  // A redelivery (same source reference) or the same order sent again under another reference: nothing new.
  if (state.order.sourceRef === fact.sourceRef || sameOrderContent(state.order, fact)) return [];
  throw new OrderAlreadyRecorded(fact.orderId, fact.sourceRef);
}

function recordReturn(data: RecordReturn['data'], state: OrderState): OrderEvent[] {
  refuseInvalid(validateRecordReturn(data));
  if (state.returns.some((r) => r.returnId === data.returnId || r.sourceRef === data.sourceRef)) return [];
  if (state.returns.length >= LIMITS.orders.returnsPerOrder) throw new ReturnLimitReached(data.orderId, LIMITS.orders.returnsPerOrder);
  if (state.status !== 'unrecorded') {
    // The order is known: the return must fit it. Before the order, there is nothing to check against.
    const returned = returnedQuantities(state);
    for (const line of data.lines) {
      const ordered = state.order.lines.find((l) => l.lineId === line.lineId);
      if (ordered === undefined) throw new UnknownOrderLine(data.orderId, line.lineId);
      const total = (returned.get(line.lineId) ?? 0) + line.quantity;
      if (total > ordered.quantity) throw new ReturnExceedsQuantity(data.orderId, line.lineId, total, ordered.quantity);
    }
  }
  const { orderId, returnId, sourceRef, occurredAt, reason } = data;
  return [
    {
      type: 'OrderReturned',
      data: { orderId, returnId, sourceRef, occurredAt, lines: data.lines.map(({ lineId, quantity }) => ({ lineId, quantity })), ...(reason === undefined ? {} : { reason }) },
    },
  ];
}

/** The process manager decides once per order; a re-run (or a decision before the order) adds nothing. */
function recordDecision(decision: AttributionDecided, state: OrderState): OrderEvent[] {
  if (state.status !== 'recorded') return [];
  assert(decision.orderId === state.order.orderId, `decision for order ${decision.orderId} on the stream of ${state.order.orderId}`);
  return [{ type: 'AttributionDecided', data: decision }];
}

/** Equal as facts: everything but the source reference; times as instants, lines and codes in any order. */
function sameOrderContent(a: OrderRecorded, b: OrderRecorded): boolean {
  const content = (o: OrderRecorded): string =>
    JSON.stringify([
      o.orderId,
      o.channel,
      o.customerRef,
      Date.parse(o.occurredAt),
      o.currency,
      [...o.lines].sort((x, y) => (x.lineId < y.lineId ? -1 : 1)).map((l) => [l.lineId, l.sku, l.category ?? null, l.quantity, l.unitPrice, l.discount ?? 0]),
      [...o.codes].sort(),
    ]);
  return content(a) === content(b);
}

function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState, DomainEvent> = {
  decide,
  evolve: evolveOrder,
  initialState: initialOrderState,
};
