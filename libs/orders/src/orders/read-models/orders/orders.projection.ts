import { sql, type Transaction } from 'kysely';
import { parseStreamName, type AllFilter, type RecordedEvent } from '@ledger/event-store';
import { emptyView, foldEvent, settleTotals, statusOf, type Folding, type LineView, type OrderView } from './order-fold';
import { ORDERS_TABLES, type OrdersPartialDB } from './orders.table';

/**
 * orders_order / orders_line / orders_return from the order streams. Per batch, whatever its size:
 * one SELECT of the affected orders (with their lines when a known order gets returns), the fold
 * in memory, then one statement writing every table. Replay-safe: each order row remembers its
 * stream revision and older events are skipped; returns are keyed by return id (ON CONFLICT).
 */
/**
 * The shape of @ledger/projections' Projection, restated: its registry imports this lib, so this
 * lib imports nothing of it (no cycle, not even type-only). The registry's list checks the fit.
 */
export interface OrdersProjection {
  readonly name: string;
  readonly tables: readonly string[];
  readonly filter: AllFilter;
  apply(trx: Transaction<OrdersPartialDB>, events: RecordedEvent[]): Promise<void>;
}

export const ordersProjection: OrdersProjection = {
  name: 'orders',
  tables: ORDERS_TABLES,
  filter: { streamPrefixes: ['order-'] },
  async apply(trx, events) {
    const byOrder = groupByOrder(events);
    if (byOrder.size === 0) return;
    const loaded = await loadOrders(trx, [...byOrder.values()]);
    const folded: Folding[] = [];
    for (const [key, group] of byOrder) {
      const first = group.events[0]!;
      const row = loaded.get(key);
      const view = row?.view ?? emptyView(group.key.org, group.key.orderId, occurredAtOf(first), first.recordedAt);
      const before = view.lastRevision;
      const f: Folding = { view, lines: row?.lines ?? null, linesChanged: false, newReturns: [] };
      for (const e of group.events) foldEvent(f, e, Number(e.revision), e.recordedAt);
      if (f.view.lastRevision === before) continue; // nothing new for this order (a replayed batch)
      settleTotals(f);
      folded.push(f);
    }
    await writeOrders(trx, folded);
  },
};

interface OrderKey {
  org: string;
  orderId: string;
}

const keyOf = (k: OrderKey) => `${k.org}\u0000${k.orderId}`;

function groupByOrder(events: readonly RecordedEvent[]): Map<string, { key: OrderKey; events: RecordedEvent[] }> {
  const groups = new Map<string, { key: OrderKey; events: RecordedEvent[] }>();
  for (const event of events) {
    const { category, org, id } = parseStreamName(event.stream);
    if (category !== 'order') continue;
    const key = { org, orderId: id };
    const group = groups.get(keyOf(key)) ?? { key, events: [] };
    group.events.push(event);
    groups.set(keyOf(key), group);
  }
  return groups;
}

/** Business time of the first fact seen, for sorting an order whose OrderRecorded has not come yet. */
function occurredAtOf(event: RecordedEvent): string {
  const at = (event.data as { occurredAt?: unknown }).occurredAt;
  return typeof at === 'string' ? at : event.metadata.occurredAt;
}

/**
 * The affected orders' rows in one round trip; with them the lines of a known order that gets
 * returns in this batch (its returned quantities are recomputed). Times come back as ISO text
 * (to_json): a JS Date would drop the microseconds on the rewrite.
 */
async function loadOrders(trx: Transaction<OrdersPartialDB>, groups: Array<{ key: OrderKey; events: RecordedEvent[] }>): Promise<Map<string, { view: OrderView; lines: LineView[] | null }>> {
  const wantLines = groups.map((g) => g.events.some((e) => e.type === 'OrderReturned'));
  const { rows } = await sql<OrderRowText & { lines: LineView[] | null }>`
    SELECT o.org, o.order_id, o.source_ref, o.channel, o.customer_ref, o.currency,
           to_json(o.occurred_at) #>> '{}' AS occurred_at, to_json(o.sort_at) #>> '{}' AS sort_at, o.codes,
           o.line_count, o.quantity::text, o.gross_minor::text, o.discount_minor::text, o.net_minor::text,
           o.returned_quantity::text, o.returned_by_line, o.return_count,
           to_json(o.cancelled_at) #>> '{}' AS cancelled_at, o.cancel_source_ref, o.cancel_reason,
           o.attribution, o.campaign_id, o.influencer_id, o.rules_version, o.attribution_reason, o.earnings_minor::text,
           o.last_revision::text, to_json(o.updated_at) #>> '{}' AS updated_at,
           CASE WHEN k.want_lines AND o.source_ref IS NOT NULL THEN (
             SELECT coalesce(json_agg(json_build_object(
                      'lineId', l.line_id, 'lineNo', l.line_no, 'sku', l.sku, 'category', l.category, 'quantity', l.quantity,
                      'unitPriceMinor', l.unit_price_minor, 'discountMinor', l.discount_minor, 'baseMinor', l.base_minor,
                      'returnedQuantity', l.returned_quantity) ORDER BY l.line_no), '[]'::json)
             FROM orders_line l WHERE l.org = o.org AND l.order_id = o.order_id) END AS lines
    FROM orders_order o
    JOIN unnest(${groups.map((g) => g.key.org)}::text[], ${groups.map((g) => g.key.orderId)}::text[], ${wantLines}::boolean[]) AS k(org, order_id, want_lines)
      ON o.org = k.org AND o.order_id = k.order_id`.execute(trx);
  return new Map(rows.map((r) => [keyOf({ org: r.org, orderId: r.order_id }), { view: viewOf(r), lines: r.lines }]));
}

// The whole batch in ONE statement (data-modifying CTEs): a projection transaction stays open across
// round trips, and every open transaction holds back the $all horizon of every reader.
async function writeOrders(trx: Transaction<OrdersPartialDB>, folded: Folding[]): Promise<void> {
  if (folded.length === 0) return;
  const orders = folded.map((f) => orderRecord(f.view));
  const lines = folded.filter((f) => f.linesChanged && f.lines !== null).flatMap((f) => f.lines!.map((l) => lineRecord(f.view, l)));
  const returns = folded.flatMap((f) => f.newReturns.map((r) => ({ org: f.view.org, order_id: f.view.orderId, return_id: r.returnId, source_ref: r.sourceRef, occurred_at: r.occurredAt, reason: r.reason, lines: r.lines, quantity: r.quantity, revision: r.revision })));
  await sql`
    WITH written_orders AS (
      INSERT INTO orders_order (${columns(ORDER_COLUMNS)})
      SELECT ${columns(ORDER_COLUMNS)} FROM jsonb_to_recordset(${JSON.stringify(orders)}::jsonb) AS x(${typedColumns(ORDER_COLUMNS)})
      ON CONFLICT (org, order_id) DO UPDATE SET ${sql.raw(ORDER_COLUMNS.slice(2).map(([c]) => `${c} = excluded.${c}`).join(', '))}
      RETURNING 1
    ), written_lines AS (
      INSERT INTO orders_line (${columns(LINE_COLUMNS)})
      SELECT ${columns(LINE_COLUMNS)} FROM jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) AS x(${typedColumns(LINE_COLUMNS)})
      ON CONFLICT (org, order_id, line_id) DO UPDATE SET returned_quantity = excluded.returned_quantity
      RETURNING 1
    ), written_returns AS (
      INSERT INTO orders_return (${columns(RETURN_COLUMNS)})
      SELECT ${columns(RETURN_COLUMNS)} FROM jsonb_to_recordset(${JSON.stringify(returns)}::jsonb) AS x(${typedColumns(RETURN_COLUMNS)})
      ON CONFLICT (org, order_id, return_id) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM written_orders) AS orders, (SELECT count(*) FROM written_lines) AS lines, (SELECT count(*) FROM written_returns) AS returns`.execute(trx);
}

const columns = (list: Array<[string, string]>) => sql.raw(list.map(([c]) => c).join(', '));
const typedColumns = (list: Array<[string, string]>) => sql.raw(list.map(([c, t]) => `${c} ${t}`).join(', '));

const ORDER_COLUMNS: Array<[string, string]> = [
  ['org', 'text'], ['order_id', 'text'], ['status', 'text'], ['source_ref', 'text'], ['channel', 'text'], ['customer_ref', 'text'],
  ['currency', 'text'], ['occurred_at', 'timestamptz'], ['sort_at', 'timestamptz'], ['codes', 'jsonb'], ['line_count', 'integer'],
  ['quantity', 'bigint'], ['gross_minor', 'bigint'], ['discount_minor', 'bigint'], ['net_minor', 'bigint'], ['returned_quantity', 'bigint'],
  ['returned_by_line', 'jsonb'], ['return_count', 'integer'], ['cancelled_at', 'timestamptz'], ['cancel_source_ref', 'text'],
  ['cancel_reason', 'text'], ['attribution', 'text'], ['campaign_id', 'text'], ['influencer_id', 'text'], ['rules_version', 'integer'],
  ['attribution_reason', 'text'], ['earnings_minor', 'bigint'], ['last_revision', 'bigint'], ['updated_at', 'timestamptz'],
];
const LINE_COLUMNS: Array<[string, string]> = [
  ['org', 'text'], ['order_id', 'text'], ['line_id', 'text'], ['line_no', 'integer'], ['sku', 'text'], ['category', 'text'],
  ['quantity', 'bigint'], ['unit_price_minor', 'bigint'], ['discount_minor', 'bigint'], ['base_minor', 'bigint'], ['returned_quantity', 'bigint'],
];
const RETURN_COLUMNS: Array<[string, string]> = [
  ['org', 'text'], ['order_id', 'text'], ['return_id', 'text'], ['source_ref', 'text'], ['occurred_at', 'timestamptz'], ['reason', 'text'],
  ['lines', 'jsonb'], ['quantity', 'bigint'], ['revision', 'bigint'],
];

function orderRecord(v: OrderView): Record<string, unknown> {
  return {
    org: v.org, order_id: v.orderId, status: statusOf(v), source_ref: v.sourceRef, channel: v.channel, customer_ref: v.customerRef,
    currency: v.currency, occurred_at: v.occurredAt, sort_at: v.sortAt, codes: v.codes, line_count: v.lineCount, quantity: v.quantity,
    gross_minor: v.grossMinor, discount_minor: v.discountMinor, net_minor: v.netMinor, returned_quantity: v.returnedQuantity,
    returned_by_line: v.returnedByLine, return_count: v.returnCount, cancelled_at: v.cancelledAt, cancel_source_ref: v.cancelSourceRef,
    cancel_reason: v.cancelReason, attribution: v.attribution, campaign_id: v.campaignId, influencer_id: v.influencerId,
    rules_version: v.rulesVersion, attribution_reason: v.attributionReason, earnings_minor: v.earningsMinor, last_revision: v.lastRevision,
    updated_at: v.updatedAt,
  };
}

function lineRecord(v: OrderView, l: LineView): Record<string, unknown> {
  return {
    org: v.org, order_id: v.orderId, line_id: l.lineId, line_no: l.lineNo, sku: l.sku, category: l.category, quantity: l.quantity,
    unit_price_minor: l.unitPriceMinor, discount_minor: l.discountMinor, base_minor: l.baseMinor, returned_quantity: l.returnedQuantity,
  };
}

interface OrderRowText {
  org: string; order_id: string; source_ref: string | null; channel: string | null; customer_ref: string | null; currency: string | null;
  occurred_at: string | null; sort_at: string; codes: string[]; line_count: number; quantity: string; gross_minor: string;
  discount_minor: string; net_minor: string; returned_quantity: string; returned_by_line: Record<string, number>; return_count: number;
  cancelled_at: string | null; cancel_source_ref: string | null; cancel_reason: string | null; attribution: OrderView['attribution'];
  campaign_id: string | null; influencer_id: string | null; rules_version: number | null; attribution_reason: string | null;
  earnings_minor: string | null; last_revision: string; updated_at: string;
}

function viewOf(r: OrderRowText): OrderView {
  return {
    org: r.org, orderId: r.order_id, sourceRef: r.source_ref, channel: r.channel, customerRef: r.customer_ref, currency: r.currency,
    occurredAt: r.occurred_at, sortAt: r.sort_at, codes: r.codes, lineCount: r.line_count, quantity: Number(r.quantity),
    grossMinor: Number(r.gross_minor), discountMinor: Number(r.discount_minor), netMinor: Number(r.net_minor),
    returnedQuantity: Number(r.returned_quantity), returnedByLine: r.returned_by_line, returnCount: r.return_count,
    cancelledAt: r.cancelled_at, cancelSourceRef: r.cancel_source_ref, cancelReason: r.cancel_reason, attribution: r.attribution,
    campaignId: r.campaign_id, influencerId: r.influencer_id, rulesVersion: r.rules_version, attributionReason: r.attribution_reason,
    earningsMinor: r.earnings_minor === null ? null : Number(r.earnings_minor), lastRevision: Number(r.last_revision), updatedAt: r.updated_at,
  };
}
