// What order/get and order/list answer: the orders read model in the API's words (money as
// { amount, currency } in minor units, times ISO 8601).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import type { OrdersLineTable, OrdersOrderTable, OrdersReturnTable } from '../read-models/orders/orders.table';

export class MoneyAnswer {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class OrderTotalsAnswer {
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Units returned (per line at most the ordered quantity)' }) returnedQuantity: number;
  @ApiProperty({ type: MoneyAnswer, nullable: true, description: 'Σ quantity × unitPrice; null until the order is known' }) gross: MoneyAnswer | null;
  @ApiProperty({ type: MoneyAnswer, nullable: true }) discount: MoneyAnswer | null;
  @ApiProperty({ type: MoneyAnswer, nullable: true, description: 'Commission base: gross − discount' }) net: MoneyAnswer | null;
}

export class OrderAttributionAnswer {
  @ApiProperty({ enum: ['pending', 'attributed', 'unattributed', 'refused'], description: 'refused: the ledger refused to decide it (code, detail); it is tried again with the order\'s next fact' })
  status: string;
  @ApiPropertyOptional({ description: 'Why the ledger refused work on this order (a stable error code)' }) code?: string;
  @ApiPropertyOptional({ description: 'The refusal in words' }) detail?: string;
  @ApiPropertyOptional() campaignId?: string;
  @ApiPropertyOptional() influencerId?: string;
  @ApiPropertyOptional() rulesVersion?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: MoneyAnswer, description: 'All earnings of the decision, every level' }) earnings?: MoneyAnswer;
}

export class OrderCancellationAnswer {
  @ApiProperty() sourceRef: string;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional() reason?: string;
}

export class OrderSummaryAnswer {
  @ApiProperty() orderId: string;
  @ApiProperty({ enum: ['awaiting_order', 'recorded', 'partially_returned', 'returned', 'cancelled'], description: 'awaiting_order: returns or a cancellation came before the order itself' })
  status: string;
  @ApiProperty({ type: String, nullable: true }) sourceRef: string | null;
  @ApiProperty({ type: String, nullable: true }) channel: string | null;
  @ApiProperty({ type: String, nullable: true }) customerRef: string | null;
  @ApiProperty({ type: String, nullable: true }) occurredAt: string | null;
  @ApiProperty({ type: String, nullable: true }) currency: string | null;
  @ApiProperty({ type: [String] }) codes: string[];
  @ApiProperty() lineCount: number;
  @ApiProperty() returnCount: number;
  @ApiProperty({ type: OrderTotalsAnswer }) totals: OrderTotalsAnswer;
  @ApiProperty({ type: OrderCancellationAnswer, nullable: true }) cancellation: OrderCancellationAnswer | null;
  @ApiProperty({ type: OrderAttributionAnswer }) attribution: OrderAttributionAnswer;
  @ApiProperty({ description: 'Revision of the order stream this view reflects' }) revision: number;
}

export class OrderLineAnswer {
  @ApiProperty() lineId: string;
  @ApiProperty() sku: string;
  @ApiPropertyOptional() category?: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ description: 'Minor units' }) unitPrice: number;
  @ApiProperty({ description: "The line's total discount, minor units" }) discount: number;
  @ApiProperty({ description: 'quantity × unitPrice − discount' }) base: number;
  @ApiProperty() returnedQuantity: number;
}

export class OrderReturnLineAnswer {
  @ApiProperty() lineId: string;
  @ApiProperty() quantity: number;
}

export class OrderReturnAnswer {
  @ApiProperty() returnId: string;
  @ApiProperty() sourceRef: string;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ type: [OrderReturnLineAnswer] }) lines: OrderReturnLineAnswer[];
}

/**
 * An order the ledger refused work on (a parked refusal, ADR 0010) shows why it earned nothing:
 * undecided → status refused; decided (a clawback was refused) → the decision with the refusal's code and detail.
 */
export function withRefusal(attribution: OrderAttributionAnswer, refusal: { errorCode: string | null; errorMessage: string } | undefined): OrderAttributionAnswer {
  if (!refusal) return attribution;
  const why = { code: refusal.errorCode ?? 'REFUSED', detail: refusal.errorMessage };
  return attribution.status === 'pending' ? { status: 'refused', ...why } : { ...attribution, ...why };
}

export class OrderAnswer extends OrderSummaryAnswer {
  @ApiProperty({ type: [OrderLineAnswer] }) lines: OrderLineAnswer[];
  @ApiProperty({ type: [OrderReturnAnswer] }) returns: OrderReturnAnswer[];
}

export function summaryOf(o: Selectable<OrdersOrderTable>): OrderSummaryAnswer {
  const money = (minor: string | number) => (o.currency === null ? null : { amount: Number(minor), currency: o.currency });
  const attribution: OrderAttributionAnswer = { status: o.attribution };
  if (o.campaign_id !== null) attribution.campaignId = o.campaign_id;
  if (o.influencer_id !== null) attribution.influencerId = o.influencer_id;
  if (o.rules_version !== null) attribution.rulesVersion = o.rules_version;
  if (o.attribution_reason !== null) attribution.reason = o.attribution_reason;
  if (o.earnings_minor !== null && o.currency !== null) attribution.earnings = { amount: Number(o.earnings_minor), currency: o.currency };
  return {
    orderId: o.order_id,
    status: o.status,
    sourceRef: o.source_ref,
    channel: o.channel,
    customerRef: o.customer_ref,
    occurredAt: o.occurred_at?.toISOString() ?? null,
    currency: o.currency,
    codes: o.codes,
    lineCount: o.line_count,
    returnCount: o.return_count,
    totals: { quantity: Number(o.quantity), returnedQuantity: Number(o.returned_quantity), gross: money(o.gross_minor), discount: money(o.discount_minor), net: money(o.net_minor) },
    cancellation:
      o.cancelled_at === null
        ? null
        : { sourceRef: o.cancel_source_ref ?? '', occurredAt: o.cancelled_at.toISOString(), ...(o.cancel_reason === null ? {} : { reason: o.cancel_reason }) },
    attribution,
    revision: Number(o.last_revision),
  };
}

export function lineOf(l: Selectable<OrdersLineTable>): OrderLineAnswer {
  return {
    lineId: l.line_id,
    sku: l.sku,
    ...(l.category === null ? {} : { category: l.category }),
    quantity: Number(l.quantity),
    unitPrice: Number(l.unit_price_minor),
    discount: Number(l.discount_minor),
    base: Number(l.base_minor),
    returnedQuantity: Number(l.returned_quantity),
  };
}

export function returnOf(r: Selectable<OrdersReturnTable>): OrderReturnAnswer {
  return { returnId: r.return_id, sourceRef: r.source_ref, occurredAt: r.occurred_at.toISOString(), ...(r.reason === null ? {} : { reason: r.reason }), lines: r.lines };
}
