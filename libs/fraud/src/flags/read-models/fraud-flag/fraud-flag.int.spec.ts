// Proves fraud_flag on real PostgreSQL (real event store and projection runner): a raised flag is an open row with its evidence and held earnings, a review writes decision, reason code, actor and role over it; a replay changes nothing and verify agrees.
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, type Position } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { ProjectionRunner, verifyProjection, type ProjectionLogger } from '@ledger/projections';
import { fraudFlagProjection } from './fraud-flag.projection';

const ORG = 'acme';
const T = '2026-03-02T10:00:00.000Z';
const silent: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let database: TestDatabase;
let pool: Pool;
let db: Kysely<any>;
let store: PostgresEventStore;
let last: Position | null = null;

beforeAll(async () => {
  database = await createTestDatabase('ledger_fraud_flag');
  ({ pool, db } = createDb<any>(database.url));
  await migrateToLatest(db);
  store = new PostgresEventStore(pool);
});
afterAll(async () => {
  await store?.close();
  await db?.destroy();
  await database?.drop();
});

async function append(stream: string, type: string, data: Record<string, unknown>, actorId: string, role: string): Promise<void> {
  const metadata = { org: ORG, actorId, role, correlationId: randomId(), schemaVersion: 1, occurredAt: T };
  last = (await store.append(stream, [{ id: randomId(), type, data, metadata }], { expectedRevision: 'any' })).position;
}

it('an open flag, then its review; replay-safe', async () => {
  await append(`fraud-${ORG}.f1`, 'FraudFlagRaised', { flagId: 'f1', rule: 'velocity', influencerId: 'ada', orderId: 'o1', evidence: { ordersInHour: 51 }, earningIds: ['e1', 'e2'], at: T }, 'system:fraud', 'system');
  await append(`fraud-${ORG}.f2`, 'FraudFlagRaised', { flagId: 'f2', rule: 'self_referral', influencerId: 'bob', evidence: {}, earningIds: [], at: T }, 'system:fraud', 'system');
  await append(`fraud-${ORG}.f1`, 'FraudFlagReviewed', { flagId: 'f1', decision: 'reverse', reasonCode: 'bot_traffic', note: 'one IP', at: T }, 'rita', 'inf_fraud_reviewer');
  const runner = new ProjectionRunner({ db, pool, eventStore: store, projections: [fraudFlagProjection], logger: silent, batchEvents: 2, idlePollMs: 10 });
  await runner.start();
  try {
    expect(await runner.waitFor(last!, 10_000)).toBe(true);
  } finally {
    await runner.stop();
  }
  const rows = () => sql<Record<string, unknown>>`select * from fraud_flag order by org, flag_id`.execute(db);
  const before = await rows();
  expect(before.rows).toEqual([
    expect.objectContaining({ flag_id: 'f1', state: 'reversed', rule: 'velocity', influencer_id: 'ada', evidence: { ordersInHour: 51 }, earning_ids: ['e1', 'e2'], raised_by: 'system:fraud', decision: 'reverse', reason_code: 'bot_traffic', note: 'one IP', reviewed_by: 'rita', reviewed_role: 'inf_fraud_reviewer' }),
    expect.objectContaining({ flag_id: 'f2', state: 'open', order_id: null, decision: null, reviewed_at: null }),
  ]);
  const events = await store.readAll({ after: null, maxCount: 100, filter: fraudFlagProjection.filter });
  await db.transaction().execute((trx) => fraudFlagProjection.apply(trx, events));
  await db.transaction().execute((trx) => fraudFlagProjection.apply(trx, events.slice(0, 1)));
  expect((await rows()).rows).toEqual(before.rows);
  expect((await verifyProjection({ db, pool, eventStore: store, logger: silent }, fraudFlagProjection)).equal).toBe(true);
});
