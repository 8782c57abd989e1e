import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

// The design's floor for ingest: the fewest rows the architecture obliges the product to write
// for each SCM fact, written as plain multi-row INSERTs into the real tables (their indexes and
// checks as migrated) — no reads, no expected-revision checks, no deciders, no HTTP, no process
// manager bookkeeping, no audit, transition or conversion rows. No implementation of this design
// can get an SCM fact into the ledger faster than this on the same machine; the bench reports it
// beside the baseline so the acceptance figure can be read against it.
//
// Per order placed: the order stream's row and its OrderRecorded event (ARCHITECTURE: a stream per
// order), an EarningAccrued on the influencer stream, a ConversionAttributed on the campaign
// stream (issue 3: the attribution basis lives there), an orders_order row and a ledger_earning
// row. Per return: its event on the order stream, a clawback on the influencer stream, and the
// two read-model rows updated.

const ROWS_PER_STATEMENT = 1_000;
const INFLUENCER_STREAM = 'influencer-bench.floor-influencer';
const CAMPAIGN_STREAM = 'campaign-bench.floor-campaign';

interface Fact {
  kind: 'order' | 'return';
  orderId: string;
  sourceRef: string;
  json: string;
  influencerRevision: number;
  campaignRevision: number | null;
}

/** Facts per second for writing `batches` (NDJSON lines) as the design's minimal rows, `connections` batches at a time. */
export async function designFloorRate(pool: Pool, org: string, batches: string[][], connections: number): Promise<number> {
  const planned = plan(batches);
  const facts = planned.reduce((n, batch) => n + batch.length, 0);
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (next < planned.length) await writeBatch(client, org, planned[next++]!);
      } finally {
        client.release();
      }
    }),
  );
  return facts / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Stream revisions assigned up front, so batches written side by side never collide. */
function plan(batches: string[][]): Fact[][] {
  let influencerRevision = -1;
  let campaignRevision = -1;
  return batches.map((batch) =>
    batch.map((json): Fact => {
      const line = JSON.parse(json) as { type: string; orderId: string; sourceRef: string };
      const order = line.type === 'OrderPlaced';
      return {
        kind: order ? 'order' : 'return',
        orderId: line.orderId,
        sourceRef: line.sourceRef,
        json,
        influencerRevision: ++influencerRevision,
        campaignRevision: order ? ++campaignRevision : null,
      };
    }),
  );
}

async function writeBatch(client: PoolClient, org: string, facts: Fact[]): Promise<void> {
  const orders = facts.filter((f) => f.kind === 'order');
  const returns = facts.filter((f) => f.kind === 'return');
  const now = new Date().toISOString();
  const metadata = JSON.stringify({ org, actor: 'scm', role: 'system', correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1, occurredAt: now, recordedAt: now });
  const stream = (f: Fact) => `order-${org}.${f.orderId}`;
  const events: unknown[][] = [
    ...orders.map((f) => [randomUUID(), stream(f), 0, 'OrderRecorded', f.json, metadata]),
    ...returns.map((f) => [randomUUID(), stream(f), 1, 'OrderReturned', f.json, metadata]),
    ...orders.map((f) => [randomUUID(), INFLUENCER_STREAM, f.influencerRevision, 'EarningAccrued', earning(f, now), metadata]),
    ...orders.map((f) => [randomUUID(), CAMPAIGN_STREAM, f.campaignRevision, 'ConversionAttributed', earning(f, now), metadata]),
    ...returns.map((f) => [randomUUID(), INFLUENCER_STREAM, f.influencerRevision, 'EarningClawedBack', earning(f, now), metadata]),
  ];

  await client.query('BEGIN');
  await insert(client, 'es_stream', ['stream_name', 'category', 'org', 'revision', 'last_transaction_id::xid8'], orders.map((f) => [stream(f), 'order', org, 0, '0']));
  await insert(client, 'es_event', ['event_id::uuid', 'stream_name', 'revision', 'type', 'data::jsonb', 'metadata::jsonb'], events);
  if (returns.length > 0) await client.query('UPDATE es_stream SET revision = 1 WHERE stream_name = ANY($1)', [returns.map(stream)]);
  await client.query(
    `INSERT INTO es_stream VALUES ($1, 'influencer', $3, $4, '0'), ($2, 'campaign', $3, $5, '0')
     ON CONFLICT (stream_name) DO UPDATE SET revision = greatest(es_stream.revision, excluded.revision)`,
    [INFLUENCER_STREAM, CAMPAIGN_STREAM, org, facts.at(-1)!.influencerRevision, Math.max(-1, ...orders.map((f) => f.campaignRevision!))],
  );
  await insert(
    client,
    'orders_order',
    ['org', 'order_id', 'status', 'source_ref', 'channel', 'customer_ref', 'currency', 'occurred_at', 'sort_at', 'codes::jsonb', 'line_count', 'quantity', 'gross_minor', 'discount_minor', 'net_minor', 'attribution', 'campaign_id', 'influencer_id', 'rules_version', 'earnings_minor', 'last_revision', 'updated_at'],
    orders.map((f) => [org, f.orderId, 'recorded', f.sourceRef, 'ecommerce', `customer-${f.orderId}`, 'EUR', now, now, '["BENCH10"]', 2, 3, 7_498, 300, 7_198, 'attributed', 'floor-campaign', 'floor-influencer', 1, 720, 0, now]),
  );
  await insert(
    client,
    'ledger_earning',
    ['earning_id::uuid', 'org', 'influencer_id', 'campaign_id', 'order_id', 'channel', 'level', 'currency', 'state', 'amount_minor', 'clawed_back_minor', 'paid_minor', 'pending_minor', 'held_minor', 'payable_minor', 'hold_kind', 'hold_until', 'rules_version', 'calculation::jsonb', 'source_ref', 'refs::jsonb', 'occurred_at', 'last_commit_position', 'last_prepare_position'],
    orders.map((f) => [randomUUID(), org, 'floor-influencer', 'floor-campaign', f.orderId, 'ecommerce', 0, 'EUR', 'held', 720, 0, 0, 0, 720, 0, 'hold_period', now, 1, CALCULATION, f.sourceRef, '{}', now, 1, 1]),
  );
  if (returns.length > 0) {
    const returned = returns.map((f) => f.orderId);
    await client.query(`UPDATE orders_order SET status = 'partially_returned', returned_quantity = returned_quantity + 1, return_count = return_count + 1 WHERE org = $1 AND order_id = ANY($2)`, [org, returned]);
    await client.query('UPDATE ledger_earning SET held_minor = held_minor - 240, clawed_back_minor = clawed_back_minor + 240 WHERE org = $1 AND order_id = ANY($2)', [org, returned]);
  }
  await client.query('COMMIT');
}

const CALCULATION = JSON.stringify({ type: 'percent', rateBps: 1_000, baseMinor: 7_198, amountMinor: 720, capped: false });

/** An earning event's payload, about the size the ledger writes. */
function earning(f: Fact, at: string): string {
  return JSON.stringify({ earningId: `earning-${f.orderId}`, orderId: f.orderId, influencerId: 'floor-influencer', campaignId: 'floor-campaign', level: 0, currency: 'EUR', amountMinor: 720, rulesVersion: 1, calculation: JSON.parse(CALCULATION), holdUntil: at, sourceRef: f.sourceRef });
}

/** Multi-row INSERT, ROWS_PER_STATEMENT rows a statement; a column written `name::type` is cast. */
async function insert(client: PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const names = columns.map((c) => c.split('::')[0]!);
  const casts = columns.map((c) => (c.includes('::') ? `::${c.split('::')[1]}` : ''));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const values = chunk.map((_, r) => `(${casts.map((cast, c) => `$${r * columns.length + c + 1}${cast}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}
