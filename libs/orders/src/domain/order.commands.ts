// Commands on the order stream (order-<org>.<orderId>): SCM facts, and the attribution process
// manager's decision. The SCM facts carry their own business time (`occurredAt`) and source reference.
import type { AttributionDecided, OrderCancelled, OrderRecorded, OrderReturned } from '@ledger/contracts';

/** `codes` may be left out (an order without codes). */
export type RecordOrder = { type: 'RecordOrder'; data: Omit<OrderRecorded, 'codes'> & { codes?: string[] } };
export type RecordReturn = { type: 'RecordReturn'; data: OrderReturned };
export type CancelOrder = { type: 'CancelOrder'; data: OrderCancelled };
export type RecordAttributionDecision = { type: 'RecordAttributionDecision'; data: AttributionDecided };
export type OrderCommand = RecordOrder | RecordReturn | CancelOrder | RecordAttributionDecision;
