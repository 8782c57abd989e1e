// Proves the reward queue read model on real PostgreSQL (real event store and projection runner): one candidate per earning whose status follows the stated rules — held → needs_approval (payable) → approved (in an approved payout batch) → paid; flagged while a fraud flag is open; disputed while a dispute is open; clawed_back — with payout and dispute events read by their type strings; a replay changes nothing and verify agrees.
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, type Position } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { ProjectionRunner, verifyProjection, type ProjectionLogger } from '@ledger/projections';
import { rewardQueueProjection } from './reward-queue.projection';

const ORG = 'acme';
const T = '2026-03-02T10:00:00.000Z';
const silent: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const EUR = (amount: number) => ({ amount, currency: 'EUR' });

let database: TestDatabase;
let pool: Pool;
let db: Kysely<any>;
let store: PostgresEventStore;
let last: Position | null = null;

beforeAll(async () => {
  database = await createTestDatabase('ledger_rewards');
  ({ pool, db } = createDb<any>(database.url));
  await migrateToLatest(db);
  store = new PostgresEventStore(pool);
});
afterAll(async () => {
  await store?.close();
  await db?.destroy();
  await database?.drop();
});

async function append(stream: string, type: string, data: Record<string, unknown>, role?: string): Promise<void> {
  const metadata = { org: ORG, actorId: 'tester', ...(role ? { role } : {}), correlationId: randomId(), schemaVersion: 1, occurredAt: T };
  last = (await store.append(stream, [{ id: randomId(), type, data, metadata }], { expectedRevision: 'any' })).position;
}

async function project(): Promise<void> {
  const runner = new ProjectionRunner({ db, pool, eventStore: store, projections: [rewardQueueProjection], logger: silent, batchEvents: 3, idlePollMs: 10 });
  await runner.start();
  try {
    if (last && !(await runner.waitFor(last, 10_000))) throw new Error('reward_queue did not catch up');
  } finally {
    await runner.stop();
  }
}

const statuses = async () =>
  Object.fromEntries((await db.selectFrom('reward_candidate').select(['earning_id', 'status']).where('org', '=', ORG).orderBy('earning_id').execute()).map((r: any) => [r.earning_id, r.status]));

async function accrue(earningId: string, orderId: string, customerRef: string): Promise<void> {
  await append(`order-${ORG}.${orderId}`, 'OrderRecorded', { orderId, sourceRef: `scm-${orderId}`, channel: 'ecommerce', customerRef, occurredAt: T, currency: 'EUR', lines: [], codes: ['ADA10'] });
  await append(`earning-${ORG}.${earningId}`, 'EarningAccrued', { earningId, influencerId: 'ada', campaignId: 'c1', orderId, channel: 'ecommerce', level: 1, amount: EUR(1_000), rulesVersion: 1, calculation: {}, occurredAt: T, sourceRef: `scm-${orderId}` });
  await append(`conversion-${ORG}.${orderId}`, 'ConversionAttributed', { orderId, campaignId: 'c1', influencerId: 'ada', rulesVersion: 1, basis: { model: 'coupon', windowDays: 30, code: 'ADA10', touchKind: 'code', touchId: null, touchedAt: T, channel: 'ecommerce', precedence: 0 }, assisted: [], commissionBase: EUR(10_000), occurredAt: T });
  await append(`earning-${ORG}.${earningId}`, 'HoldPlaced', { earningId, kind: 'period', holdUntil: T, reasonCode: 'hold_period', at: T });
}
const release = (earningId: string, kind = 'period') => append(`earning-${ORG}.${earningId}`, 'HoldReleased', { earningId, kind, reasonCode: 'hold_expired', early: kind !== 'period', at: T });

it('follows each candidate through the human decisions, by the status rules', async () => {
  for (const [e, o] of [['e1', 'o1'], ['e2', 'o2'], ['e3', 'o3'], ['e4', 'o4']] as const) await accrue(e, o, `cust-${o}`);
  await release('e1');
  await append(`fraudcheck-${ORG}.o1`, 'FraudCheckCompleted', { orderId: 'o1', influencerId: 'ada', rulesRun: ['self_referral'], result: 'clear', flagIds: [], findings: [], at: T });
  await append(`fraud-${ORG}.f1`, 'FraudFlagRaised', { flagId: 'f1', rule: 'self_referral', influencerId: 'ada', orderId: 'o2', evidence: {}, earningIds: ['e2'], at: T });
  await append(`earning-${ORG}.e2`, 'HoldPlaced', { earningId: 'e2', kind: 'fraud', reasonCode: 'fraud_self_referral', at: T });
  await release('e3');
  await append(`dispute-${ORG}.d1`, 'DisputeOpened', { disputeId: 'd1', subject: { kind: 'earning', id: 'e3' }, reasonCode: 'wrong_amount', description: 'x' });
  await append(`earning-${ORG}.e4`, 'EarningClawedBack', { earningId: 'e4', amount: EUR(1_000), cumulative: 1_000, reference: { kind: 'return', id: 'r1' }, reasonCode: 'order_returned', at: T });
  await project();
  expect(await statuses()).toEqual({ e1: 'needs_approval', e2: 'flagged', e3: 'disputed', e4: 'clawed_back' });
  const e1 = await db.selectFrom('reward_order').selectAll().where('org', '=', ORG).where('order_id', '=', 'o1').executeTakeFirstOrThrow();
  expect(e1).toMatchObject({ customer_ref: 'cust-o1', basis: expect.objectContaining({ code: 'ADA10', model: 'coupon' }), fraud_check: expect.objectContaining({ result: 'clear' }) });

  // The payout helper's events, by type string: locked into a batch (still needs approval), approved by a person, paid.
  await append(`earning-${ORG}.e1`, 'EarningFinalized', { earningId: 'e1', batchId: 'b1', itemId: 'i1', amount: EUR(1_000), at: T });
  await project();
  expect((await statuses()).e1).toBe('needs_approval');
  await append(`payout-${ORG}.b1`, 'PayoutBatchApproved', { batchId: 'b1', approvedBy: 'fin-fred', role: 'inf_finance', at: T }, 'inf_finance');
  // The reviewer releases the flag; the dispute is resolved.
  await append(`fraud-${ORG}.f1`, 'FraudFlagReviewed', { flagId: 'f1', decision: 'release', reasonCode: 'ok', at: T });
  await release('e2', 'fraud');
  await append(`dispute-${ORG}.d1`, 'DisputeResolved', { disputeId: 'd1' });
  await project();
  expect(await statuses()).toEqual({ e1: 'approved', e2: 'needs_approval', e3: 'needs_approval', e4: 'clawed_back' });
  const approved = await db.selectFrom('reward_candidate').select(['approval', 'dispute', 'flag_ids', 'open_flag_ids']).where('org', '=', ORG).where('earning_id', 'in', ['e1', 'e2', 'e3']).orderBy('earning_id').execute();
  expect(approved).toEqual([
    expect.objectContaining({ approval: { batchId: 'b1', approvedBy: 'fin-fred', role: 'inf_finance', approvedAt: T } }),
    expect.objectContaining({ flag_ids: ['f1'], open_flag_ids: [] }),
    expect.objectContaining({ dispute: { disputeId: 'd1', state: 'resolved' } }),
  ]);

  await append(`earning-${ORG}.e1`, 'EarningPaid', { earningId: 'e1', amount: EUR(1_000), payoutId: 'b1:i1', at: T });
  await project();
  expect((await statuses()).e1).toBe('paid');

  // Replayed (all at once, then overlapping halves): nothing changes; a rebuild beside it agrees.
  const before = await sql`select * from reward_candidate order by org, earning_id`.execute(db);
  const events = await store.readAll({ after: null, maxCount: 10_000, filter: rewardQueueProjection.filter });
  await db.transaction().execute((trx) => rewardQueueProjection.apply(trx, events));
  await db.transaction().execute((trx) => rewardQueueProjection.apply(trx, events.slice(0, 20)));
  await db.transaction().execute((trx) => rewardQueueProjection.apply(trx, events.slice(10)));
  expect((await sql`select * from reward_candidate order by org, earning_id`.execute(db)).rows).toEqual(before.rows);
  expect((await verifyProjection({ db, pool, eventStore: store, logger: silent }, rewardQueueProjection)).equal).toBe(true);
});
