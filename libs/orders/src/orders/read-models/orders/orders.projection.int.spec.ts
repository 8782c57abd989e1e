// Proves the orders read model on real PostgreSQL: order, lines, returns (also before the order), cancellation and attribution folded right; the same rows whether applied in one batch or event by event, and a replayed batch changes nothing.
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { AttributionDecided, OrderCancelled, OrderRecorded, OrderReturned } from '@ledger/contracts';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, streamName, type NewEvent, type RecordedEvent } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';
import { ordersProjection } from './orders.projection';

let database: TestDatabase;
let pool: Pool;
let db: Kysely<any>;
let store: PostgresEventStore;
beforeAll(async () => {
  database = await createTestDatabase('ledger_orders_rm');
  ({ pool, db } = createDb<any>(database.url));
  await migrateToLatest(db);
  store = new PostgresEventStore(pool);
});
afterAll(async () => {
  await store.close();
  await db.destroy();
  await database.drop();
});

const ORG = 'acme';
const event = (type: string, data: object, ref: string): NewEvent => ({
  id: deterministicId(ORG, 'test', ref, type),
  type,
  data: data as Record<string, unknown>,
  metadata: { org: ORG, actorId: 't', correlationId: ref, schemaVersion: 1, occurredAt: (data as { occurredAt?: string }).occurredAt ?? '2026-03-01T00:00:00Z' },
});

const order = (orderId: string): OrderRecorded => ({
  orderId,
  sourceRef: `scm-${orderId}`,
  channel: 'ecommerce',
  customerRef: 'c1',
  occurredAt: '2026-03-01T10:00:00.123456+01:00',
  currency: 'EUR',
  lines: [
    { lineId: 'l1', sku: 'TEE', category: 'apparel', quantity: 3, unitPrice: 2_000, discount: 500 },
    { lineId: 'l2', sku: 'CAP', quantity: 1, unitPrice: 1_500 },
  ],
  codes: ['ANNA10'],
});
const returned = (orderId: string, returnId: string, lines: OrderReturned['lines'], occurredAt = '2026-03-05T10:00:00Z'): OrderReturned => ({ orderId, returnId, sourceRef: `scm-${returnId}`, occurredAt, lines });
const cancelled = (orderId: string): OrderCancelled => ({ orderId, sourceRef: `cancel-${orderId}`, occurredAt: '2026-03-06T10:00:00Z', reason: 'fraud' });
const decided = (orderId: string): AttributionDecided => ({
  orderId,
  attributed: true,
  campaignId: 'camp-1',
  influencerId: 'inf-1',
  rulesVersion: 2,
  earnings: [
    { earningId: 'e1', influencerId: 'inf-1', level: 1, amount: { amount: 700, currency: 'EUR' }, lineAllocations: [] },
    { earningId: 'e2', influencerId: 'inf-0', level: 2, amount: { amount: 70, currency: 'EUR' }, lineAllocations: [] },
  ],
});

async function history(): Promise<RecordedEvent[]> {
  const s = (id: string) => streamName('order', ORG, id);
  // o1: the order, a return, the decision, a second return; o2: a return and a cancellation before the order.
  await store.append(s('o1'), [event('OrderRecorded', order('o1'), 'o1'), event('OrderReturned', returned('o1', 'r1', [{ lineId: 'l1', quantity: 1 }]), 'r1')], { expectedRevision: 'no_stream' });
  await store.append(s('o2'), [event('OrderReturned', returned('o2', 'r2', [{ lineId: 'l1', quantity: 5 }], '2026-02-27T00:00:00Z'), 'r2')], { expectedRevision: 'no_stream' });
  await store.append(s('o1'), [event('AttributionDecided', decided('o1'), 'd1')], { expectedRevision: 1n });
  await store.append(s('o2'), [event('OrderCancelled', cancelled('o2'), 'c2')], { expectedRevision: 0n });
  await store.append(s('o1'), [event('OrderReturned', returned('o1', 'r3', [{ lineId: 'l1', quantity: 2 }, { lineId: 'l2', quantity: 1 }]), 'r3')], { expectedRevision: 2n });
  await store.append(s('o2'), [event('OrderRecorded', order('o2'), 'o2')], { expectedRevision: 1n });
  await store.append(streamName('influencer', ORG, 'i1'), [event('InfluencerRegistered', { influencerId: 'i1' }, 'i1')], { expectedRevision: 'no_stream' });
  // $all shows an event once no older transaction of the server is still open: wait (bounded) for all eight.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = await store.readAll({ maxCount: 100 });
    if (events.length === 8 || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const apply = (events: RecordedEvent[]) => db.transaction().execute((trx) => ordersProjection.apply(trx, events));

async function snapshot() {
  const tables = {
    orders: await sql`SELECT * FROM orders_order ORDER BY org, order_id`.execute(db),
    lines: await sql`SELECT * FROM orders_line ORDER BY org, order_id, line_id`.execute(db),
    returns: await sql`SELECT * FROM orders_return ORDER BY org, order_id, return_id`.execute(db),
  };
  return { orders: tables.orders.rows, lines: tables.lines.rows, returns: tables.returns.rows } as Record<'orders' | 'lines' | 'returns', Array<Record<string, any>>>;
}

const truncate = () => sql`TRUNCATE orders_order, orders_line, orders_return`.execute(db);

it('folds orders, lines, returns, cancellation and attribution; one batch or one event at a time, same rows; replays change nothing', async () => {
  const events = await history();
  await apply(events);
  const once = await snapshot();

  const o1 = once.orders.find((o) => o.order_id === 'o1')!;
  expect(o1).toMatchObject({
    status: 'returned',
    quantity: 4,
    gross_minor: 7500,
    discount_minor: 500,
    net_minor: 7000,
    returned_quantity: 4,
    return_count: 2,
    attribution: 'attributed',
    campaign_id: 'camp-1',
    influencer_id: 'inf-1',
    rules_version: 2,
    earnings_minor: 770,
    last_revision: 3,
    codes: ['ANNA10'],
  });
  expect(o1.occurred_at.toISOString()).toBe('2026-03-01T09:00:00.123Z');
  const o2 = once.orders.find((o) => o.order_id === 'o2')!;
  // The return came first and claimed 5 of 3: the line shows 3 returned; the raw fact stays visible.
  expect(o2).toMatchObject({ status: 'cancelled', returned_quantity: 3, returned_by_line: { l1: 5 }, cancel_reason: 'fraud', attribution: 'pending', last_revision: 2 });
  expect(once.lines.map((l) => [l.order_id, l.line_id, l.returned_quantity, l.base_minor])).toEqual([
    ['o1', 'l1', 3, 5500],
    ['o1', 'l2', 1, 1500],
    ['o2', 'l1', 3, 5500],
    ['o2', 'l2', 0, 1500],
  ]);
  expect(once.returns.map((r) => [r.order_id, r.return_id, r.quantity])).toEqual([
    ['o1', 'r1', 1],
    ['o1', 'r3', 3],
    ['o2', 'r2', 5],
  ]);

  await apply(events); // the whole batch again (a replay)
  await apply(events.slice(2, 5));
  expect(await snapshot()).toEqual(once);

  await truncate();
  for (const e of events) await apply([e]);
  expect(await snapshot()).toEqual(once);

  // Microseconds survive the rewrite of a row (timestamps are read back as text).
  const { rows } = await sql<{ at: string }>`SELECT to_json(occurred_at) #>> '{}' AS at FROM orders_order WHERE order_id = 'o1'`.execute(db);
  expect(rows[0]!.at).toBe('2026-03-01T09:00:00.123456+00:00');
});
