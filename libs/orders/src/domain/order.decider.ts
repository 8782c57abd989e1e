// Order stream (order-<org>.<orderId>): the reconciliation point of SCM facts. Facts may arrive
// in any order, and a return before its order is accepted as is — the decision later sees both.
// A fact whose identity is recorded already (the order of the stream, a return id or source
// reference, the one cancellation) is a duplicate when its normalised content is the same
// (order-facts.ts says what "the same" forgives) and a ConflictingFact otherwise: first-wins in
// silence would hide from the SCM that its data diverged.
import type { AttributionDecided, DomainEvent, OrderRecorded } from '@ledger/contracts';
import { assert, assertNever, LIMITS, ValidationFailed, type Decider, type FieldProblem } from '@ledger/kernel';
import type { CancelOrder, OrderCommand, RecordOrder, RecordReturn } from './order.commands';
import { ConflictingFact, ReturnExceedsQuantity, ReturnLimitReached, UnknownOrderLine, type FactKind } from './order.errors';
import { cancellationDifferences, orderDifferences, returnDifferences, type FactDifference } from './order-facts';
import { evolveOrder, initialOrderState, returnedQuantities, type OrderEvent, type OrderState, type ReturnRecord } from './order.state';
import { validateCancelOrder, validateRecordOrder, validateRecordReturn } from './order-validation';

function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'RecordOrder':
      return recordOrder(command.data, state);
    case 'RecordReturn':
      return recordReturn(command.data, state);
    case 'CancelOrder':
      return cancelOrder(command.data, state);
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
  // One order per stream: whatever its source reference, this fact is the recorded order again.
  return sameOrRefused('order', `Order ${fact.orderId}`, fact, state.order.sourceRef, orderDifferences(state.order, fact));
}

function recordReturn(data: RecordReturn['data'], state: OrderState): OrderEvent[] {
  refuseInvalid(validateRecordReturn(data));
  const known = recordedReturn(data, state);
  if (known !== undefined) return sameOrRefused('return', `Return ${data.returnId} of order ${data.orderId}`, data, known.sourceRef, returnDifferences(known, data));
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

function cancelOrder(data: CancelOrder['data'], state: OrderState): OrderEvent[] {
  refuseInvalid(validateCancelOrder(data));
  // One cancellation per order: another delivery of it, under any reference, must say the same.
  if (state.cancellation !== null) {
    return sameOrRefused('cancellation', `The cancellation of order ${data.orderId}`, data, state.cancellation.sourceRef, cancellationDifferences(state.cancellation, data));
  }
  const { orderId, sourceRef, occurredAt, reason } = data;
  return [{ type: 'OrderCancelled', data: { orderId, sourceRef, occurredAt, ...(reason === undefined ? {} : { reason }) } }];
}

/** The recorded return a return fact is another delivery of: the same return id, else the same source reference. */
function recordedReturn(data: RecordReturn['data'], state: OrderState): ReturnRecord | undefined {
  return state.returns.find((r) => r.returnId === data.returnId) ?? state.returns.find((r) => r.sourceRef === data.sourceRef);
}

function sameOrRefused(kind: FactKind, identity: string, sent: { orderId: string; sourceRef: string }, recordedSourceRef: string, differences: FactDifference[]): OrderEvent[] {
  if (differences.length === 0) return [];
  throw new ConflictingFact({ kind, orderId: sent.orderId, identity, sourceRef: sent.sourceRef }, { sourceRef: recordedSourceRef, at: 'unknown' }, differences);
}

/**
 * The recorded fact an SCM fact's identity points at (type and source reference, hence its event
 * id), or null when it names a fact not recorded yet. A duplicate answers with that event's
 * position, so every delivery of one fact answers the same position.
 */
export function recordedFactOf(command: RecordOrder | RecordReturn | CancelOrder, state: OrderState): { type: OrderEvent['type']; sourceRef: string } | null {
  switch (command.type) {
    case 'RecordOrder':
      return state.status === 'unrecorded' ? null : { type: 'OrderRecorded', sourceRef: state.order.sourceRef };
    case 'RecordReturn': {
      const known = recordedReturn(command.data, state);
      return known === undefined ? null : { type: 'OrderReturned', sourceRef: known.sourceRef };
    }
    case 'CancelOrder':
      return state.cancellation === null ? null : { type: 'OrderCancelled', sourceRef: state.cancellation.sourceRef };
    default:
      return assertNever(command, 'unknown SCM command');
  }
}

/** The process manager decides once per order; a re-run (or a decision before the order) adds nothing. */
function recordDecision(decision: AttributionDecided, state: OrderState): OrderEvent[] {
  if (state.status !== 'recorded') return [];
  assert(decision.orderId === state.order.orderId, `decision for order ${decision.orderId} on the stream of ${state.order.orderId}`);
  return [{ type: 'AttributionDecided', data: decision }];
}

function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState, DomainEvent> = {
  decide,
  evolve: evolveOrder,
  initialState: initialOrderState,
};
