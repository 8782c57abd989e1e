import { createHash, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

// The design's floor for ingest: the fewest rows the architecture obliges the product to write
// for each SCM fact, written as plain multi-row INSERTs into the real tables (their indexes and
// checks as migrated) — no reads, no expected-revision checks, no deciders, no HTTP, no process
// manager bookkeeping, no audit, transition, conversion-read-model, line or return rows. No
// implementation of this design can get an SCM fact into the ledger faster than this on the same
// machine; the bench reports it beside the baseline and the product so each is read against it.
//
// The design as of ADR 0009 (bounded streams). Per order placed, attributed to one influencer:
//   - its order stream's row, OrderRecorded and AttributionDecided (a stream per order, ARCHITECTURE
//     rule 1; the decision is the order's, so it is on the order stream);
//   - the earning's stream row, EarningAccrued and its period HoldPlaced (ADR 0009: a stream per
//     earning; the period hold is a separate event in the design today — the accrual does not
//     carry it — so the floor writes it);
//   - one EarningsMonthTallied on the month tally stream (one stream per influencer, campaign,
//     currency and month: its row updated, not inserted);
//   - the conversion stream's row and ConversionAttributed (the attribution basis auditors replay);
//   - an orders_order row and a ledger_earning row (the read models keyed by source reference).
// Per return: OrderReturned on the order stream, EarningClawedBack on the earning stream (both
// stream rows moved on), and the two read-model rows updated.
// That is 6 events and 3 new stream rows per order, 2 events per return.

const ROWS_PER_STATEMENT = 1_000;
const INFLUENCER = 'floor-influencer';
const CAMPAIGN = 'floor-campaign';

interface Fact {
  kind: 'order' | 'return';
  orderId: string;
  earningId: string;
  sourceRef: string;
  json: string;
  /** The month tally's revision after this order (orders only). */
  tallyRevision: number | null;
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

/** Tally revisions assigned up front, so batches written side by side never collide. */
function plan(batches: string[][]): Fact[][] {
  let tallyRevision = -1;
  return batches.map((batch) =>
    batch.map((json): Fact => {
      const line = JSON.parse(json) as { type: string; orderId: string; sourceRef: string };
      const order = line.type === 'OrderPlaced';
      return {
        kind: order ? 'order' : 'return',
        orderId: line.orderId,
        earningId: uuidOf(`earning|${line.orderId}`),
        sourceRef: line.sourceRef,
        json,
        tallyRevision: order ? ++tallyRevision : null,
      };
    }),
  );
}

async function writeBatch(client: PoolClient, org: string, facts: Fact[]): Promise<void> {
  const orders = facts.filter((f) => f.kind === 'order');
  const returns = facts.filter((f) => f.kind === 'return');
  const now = new Date().toISOString();
  const metadata = JSON.stringify({ org, actor: 'scm', role: 'system', correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1, occurredAt: now, recordedAt: now });
  const orderStream = (f: Fact) => `order-${org}.${f.orderId}`;
  const earningStream = (f: Fact) => `earning-${org}.${f.earningId}`;
  const conversionStream = (f: Fact) => `conversion-${org}.${f.orderId}`;
  const tallyStream = `earningmonth-${org}.${INFLUENCER}.${CAMPAIGN}.EUR.${now.slice(0, 7)}`;
  const events: unknown[][] = [
    ...orders.map((f) => [randomUUID(), orderStream(f), 0, 'OrderRecorded', f.json, metadata]),
    ...orders.map((f) => [randomUUID(), orderStream(f), 1, 'AttributionDecided', decision(f), metadata]),
    ...orders.map((f) => [randomUUID(), earningStream(f), 0, 'EarningAccrued', earning(f, now), metadata]),
    ...orders.map((f) => [randomUUID(), earningStream(f), 1, 'HoldPlaced', hold(f, now), metadata]),
    ...orders.map((f) => [randomUUID(), tallyStream, f.tallyRevision, 'EarningsMonthTallied', tally(f, now), metadata]),
    ...orders.map((f) => [randomUUID(), conversionStream(f), 0, 'ConversionAttributed', conversion(f, now), metadata]),
    ...returns.map((f) => [randomUUID(), orderStream(f), 2, 'OrderReturned', f.json, metadata]),
    ...returns.map((f) => [randomUUID(), earningStream(f), 2, 'EarningClawedBack', clawback(f, now), metadata]),
  ];

  await client.query('BEGIN');
  await insert(client, 'es_stream', ['stream_name', 'category', 'org', 'revision', 'last_transaction_id::xid8'], [
    ...orders.map((f) => [orderStream(f), 'order', org, 1, '0']),
    ...orders.map((f) => [earningStream(f), 'earning', org, 1, '0']),
    ...orders.map((f) => [conversionStream(f), 'conversion', org, 0, '0']),
  ]);
  await insert(client, 'es_event', ['event_id::uuid', 'stream_name', 'revision', 'type', 'data::jsonb', 'metadata::jsonb'], events);
  if (returns.length > 0) await client.query('UPDATE es_stream SET revision = 2 WHERE stream_name = ANY($1)', [[...returns.map(orderStream), ...returns.map(earningStream)]]);
  if (orders.length > 0) {
    await client.query(
      `INSERT INTO es_stream VALUES ($1, 'earningmonth', $2, $3, '0')
       ON CONFLICT (stream_name) DO UPDATE SET revision = greatest(es_stream.revision, excluded.revision)`,
      [tallyStream, org, Math.max(...orders.map((f) => f.tallyRevision!))],
    );
  }
  await insert(
    client,
    'orders_order',
    ['org', 'order_id', 'status', 'source_ref', 'channel', 'customer_ref', 'currency', 'occurred_at', 'sort_at', 'codes::jsonb', 'line_count', 'quantity', 'gross_minor', 'discount_minor', 'net_minor', 'attribution', 'campaign_id', 'influencer_id', 'rules_version', 'earnings_minor', 'last_revision', 'updated_at'],
    orders.map((f) => [org, f.orderId, 'recorded', f.sourceRef, 'ecommerce', `customer-${f.orderId}`, 'EUR', now, now, '["BENCH10"]', 2, 3, 7_498, 300, 7_198, 'attributed', CAMPAIGN, INFLUENCER, 1, 720, 1, now]),
  );
  await insert(
    client,
    'ledger_earning',
    ['earning_id::uuid', 'org', 'influencer_id', 'campaign_id', 'order_id', 'channel', 'level', 'currency', 'state', 'amount_minor', 'clawed_back_minor', 'paid_minor', 'pending_minor', 'held_minor', 'payable_minor', 'hold_kind', 'hold_until', 'rules_version', 'calculation::jsonb', 'source_ref', 'refs::jsonb', 'occurred_at', 'last_commit_position', 'last_prepare_position'],
    orders.map((f) => [f.earningId, org, INFLUENCER, CAMPAIGN, f.orderId, 'ecommerce', 1, 'EUR', 'held', 720, 0, 0, 0, 720, 0, 'hold_period', now, 1, CALCULATION, f.sourceRef, '{}', now, 1, 1]),
  );
  if (returns.length > 0) {
    const returned = returns.map((f) => f.orderId);
    await client.query(`UPDATE orders_order SET status = 'partially_returned', returned_quantity = returned_quantity + 1, return_count = return_count + 1, last_revision = 2 WHERE org = $1 AND order_id = ANY($2)`, [org, returned]);
    await client.query('UPDATE ledger_earning SET held_minor = held_minor - 240, clawed_back_minor = clawed_back_minor + 240 WHERE earning_id = ANY($1::uuid[])', [returns.map((f) => f.earningId)]);
  }
  await client.query('COMMIT');
}

const CALCULATION = JSON.stringify({ type: 'percent', rateBps: 1_000, baseMinor: 7_198, amountMinor: 720, capped: false });

// Payloads about the size the ledger writes (field names as in @ledger/contracts).
function earning(f: Fact, at: string): string {
  return JSON.stringify({ earningId: f.earningId, orderId: f.orderId, influencerId: INFLUENCER, campaignId: CAMPAIGN, level: 1, channel: 'ecommerce', currency: 'EUR', amountMinor: 720, rulesVersion: 1, calculation: JSON.parse(CALCULATION), holdDays: 14, occurredAt: at, sourceRef: f.sourceRef });
}

function hold(f: Fact, at: string): string {
  return JSON.stringify({ earningId: f.earningId, kind: 'period', holdUntil: at, reasonCode: 'hold_period', at });
}

function decision(f: Fact): string {
  return JSON.stringify({ orderId: f.orderId, attributed: true, campaignId: CAMPAIGN, influencerId: INFLUENCER, rulesVersion: 1, basis: { kind: 'code', code: 'BENCH10' }, earnings: [{ earningId: f.earningId, influencerId: INFLUENCER, level: 1, amountMinor: 720 }] });
}

function tally(f: Fact, at: string): string {
  const totals = (n: number) => ({ orders: n, commissionBaseMinor: n * 7_198, earnedMinor: n * 720, bonusesMinor: 0 });
  return JSON.stringify({ influencerId: INFLUENCER, campaignId: CAMPAIGN, currency: 'EUR', month: at.slice(0, 7), orderId: f.orderId, earningId: f.earningId, before: totals(f.tallyRevision!), after: totals(f.tallyRevision! + 1) });
}

function conversion(f: Fact, at: string): string {
  return JSON.stringify({ orderId: f.orderId, campaignId: CAMPAIGN, influencerId: INFLUENCER, rulesVersion: 1, basis: { kind: 'code', code: 'BENCH10', touchId: null }, assisted: [], commissionBase: { amount: 7_198, currency: 'EUR' }, occurredAt: at });
}

function clawback(f: Fact, at: string): string {
  return JSON.stringify({ earningId: f.earningId, amountMinor: 240, reference: { kind: 'return', id: `r-${f.orderId}` }, occurredAt: at });
}

/** A UUID-shaped id derived from text: the same order always names the same earning stream. */
function uuidOf(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
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
