import type { ColumnType } from 'kysely';

// The orders read model (migration 2026-11-21T19-11-orders). bigint columns arrive as numbers
// (@ledger/db maps int8 to number: money and quantities stay far below 2^53).
type Big = ColumnType<number, number | string, number | string>;
type Time = ColumnType<Date, string, string>;

export type OrderStatus = 'awaiting_order' | 'recorded' | 'partially_returned' | 'returned' | 'cancelled';
export type AttributionStatus = 'pending' | 'attributed' | 'unattributed';

export interface OrdersOrderTable {
  org: string;
  order_id: string;
  status: OrderStatus;
  source_ref: string | null;
  channel: string | null;
  customer_ref: string | null;
  currency: string | null;
  occurred_at: ColumnType<Date | null, string | null, string | null>;
  sort_at: Time;
  codes: ColumnType<string[], string, string>;
  line_count: number;
  quantity: Big;
  gross_minor: Big;
  discount_minor: Big;
  net_minor: Big;
  returned_quantity: Big;
  returned_by_line: ColumnType<Record<string, number>, string, string>;
  return_count: number;
  cancelled_at: ColumnType<Date | null, string | null, string | null>;
  cancel_source_ref: string | null;
  cancel_reason: string | null;
  attribution: AttributionStatus;
  campaign_id: string | null;
  influencer_id: string | null;
  rules_version: number | null;
  attribution_reason: string | null;
  earnings_minor: ColumnType<number | null, number | string | null, number | string | null>;
  last_revision: Big;
  updated_at: Time;
}

export interface OrdersLineTable {
  org: string;
  order_id: string;
  line_id: string;
  line_no: number;
  sku: string;
  category: string | null;
  quantity: Big;
  unit_price_minor: Big;
  discount_minor: Big;
  base_minor: Big;
  returned_quantity: Big;
}

export interface OrdersReturnTable {
  org: string;
  order_id: string;
  return_id: string;
  source_ref: string;
  occurred_at: Time;
  reason: string | null;
  lines: ColumnType<Array<{ lineId: string; quantity: number }>, string, string>;
  quantity: Big;
  revision: Big;
}

export interface OrdersPartialDB {
  orders_order: OrdersOrderTable;
  orders_line: OrdersLineTable;
  orders_return: OrdersReturnTable;
}

export const ORDERS_TABLES = ['orders_order', 'orders_line', 'orders_return'] as const;
