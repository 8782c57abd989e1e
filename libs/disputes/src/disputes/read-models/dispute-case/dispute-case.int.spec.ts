// Proves the dispute_case projection on real PostgreSQL: rows and history as the dispute streams say, keyed (org, id); replaying every event again, one by one, duplicated or from nothing gives exactly the same rows.
import { sql, type Kysely } from 'kysely';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, type EventStore, type Position } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';
import type { DisputeEvent } from '../../../domain/dispute';
import { disputeStream } from '../../dispute-streams';
import { disputeCaseProjection } from './dispute-case.projection';

let database: TestDatabase;
let db: Kysely<any>;
let store: EventStore;
let close: () => Promise<void>;
beforeAll(async () => {
  database = await createTestDatabase('dispute_case');
  const handle = createDb<any>(database.url);
  db = handle.db;
  await migrateToLatest(db);
  store = new PostgresEventStore(handle.pool);
  close = async () => {
    await store.close();
    await handle.close();
    await database.drop();
  };
}, 120_000);
afterAll(() => close?.());

const AT = '2026-03-05T10:00:00.000Z';
const opened = (disputeId: string, influencerId: string): DisputeEvent => ({
  type: 'DisputeOpened',
  data: { disputeId, subject: { kind: 'earning', id: 'e-1' }, influencerId, earningId: 'e-1', reasonCode: 'wrong_amount', description: 'd', evidence: [{ name: 'r.pdf' }], respondBy: '2026-03-20T00:00:00.000Z', openedBy: influencerId, held: true, at: AT },
});

async function append(org: string, disputeId: string, events: DisputeEvent[]): Promise<Position> {
  const result = await store.append(
    disputeStream(org, disputeId),
    events.map((e) => ({ id: deterministicId(org, disputeId, e.type), type: e.type, data: { ...e.data }, metadata: { org, actorId: 'fiona', role: 'inf_finance', correlationId: 'c', schemaVersion: 1, occurredAt: AT } })),
    { expectedRevision: 'any' },
  );
  return result.position;
}

async function visible(position: Position): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error('the store head did not reach the seeded events');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function applyInBatches(size: number, duplicate = false): Promise<void> {
  const all = await store.readAll({ after: null, maxCount: 10_000, filter: disputeCaseProjection.filter });
  const events = duplicate ? all.flatMap((e) => [e, e]) : all;
  for (let i = 0; i < events.length; i += size) await db.transaction().execute((trx) => disputeCaseProjection.apply(trx, events.slice(i, i + size)));
}

const snapshot = async (): Promise<any[]> => (await sql`select * from dispute_case order by org, dispute_id`.execute(db)).rows;

it('folds disputes into rows with their history; any replay leaves the same rows; one id in two orgs is two rows', async () => {
  await append('acme', 'd-1', [opened('d-1', 'ada'), { type: 'DisputeReviewStarted', data: { disputeId: 'd-1', by: 'fiona', at: AT } }]);
  await append('acme', 'd-1', [{ type: 'DisputeResolved', data: { disputeId: 'd-1', resolution: { kind: 'adjust', amount: { amount: 1_200, currency: 'EUR' } }, note: 'ok', by: 'fiona', modificationIds: ['dispute:d-1'], at: AT } }]);
  await append('acme', 'd-2', [opened('d-2', 'bo'), { type: 'DisputeWithdrawn', data: { disputeId: 'd-2', by: 'bo', at: AT } }]);
  await visible(await append('globex', 'd-1', [opened('d-1', 'cy')]));
  await applyInBatches(500);
  const first = await snapshot();
  expect(first.map((r: any) => [r.org, r.dispute_id, r.state, r.influencer_id, r.held])).toEqual([
    ['acme', 'd-1', 'resolved', 'ada', true],
    ['acme', 'd-2', 'withdrawn', 'bo', true],
    ['globex', 'd-1', 'open', 'cy', true],
  ]);
  expect(first[0].resolution).toEqual({ kind: 'adjust', amount: { amount: 1_200, currency: 'EUR' }, note: 'ok', modificationIds: ['dispute:d-1'] });
  expect(first[0].history.map((h: any) => [h.type, h.by, h.role])).toEqual([['DisputeOpened', 'ada', 'inf_finance'], ['DisputeReviewStarted', 'fiona', 'inf_finance'], ['DisputeResolved', 'fiona', 'inf_finance']]);
  for (const [size, duplicate] of [[500, false], [1, false], [2, true]] as const) {
    await applyInBatches(size, duplicate);
    expect(await snapshot()).toEqual(first);
  }
  await sql`truncate dispute_case`.execute(db);
  await applyInBatches(1);
  expect(await snapshot()).toEqual(first);
});
