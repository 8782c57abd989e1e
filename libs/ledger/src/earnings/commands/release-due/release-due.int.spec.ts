// Proves release-due on real PostgreSQL over the bounded layout (ADR 0009): due period holds found in the read model page by page (keyset, more than one page), each released on its earning's stream at its holdUntil, only the org asked for, and a stale read model (candidates already released) adds nothing.
import type { Kysely } from 'kysely';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, type EventStore, type Position } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { earningStream } from '../../ledger-streams';
import { earningLedgerProjection } from '../../read-models/earning-ledger/earning-ledger.projection';
import { loadedEarningId, seedLoadedLedger } from '../../../testing/loaded-ledger';
import { ReleaseDueService } from './release-due.service';

let database: TestDatabase;
let db: Kysely<any>;
let store: EventStore;
let close: () => Promise<void>;
beforeAll(async () => {
  database = await createTestDatabase('ledger_release_due');
  const handle = createDb<any>(database.url);
  db = handle.db;
  await migrateToLatest(db);
  store = new PostgresEventStore(handle.pool);
  close = async () => {
    await store.close();
    await handle.close();
    await database.drop();
  };
}, 60_000);
afterAll(() => close?.());

const EARNINGS = Math.ceil(LIMITS.ledger.earningStreamsPerCommand * 2.2); // three pages
const MONTH_START = '2026-03-01T00:00:00.000Z';
const load = { org: 'rd', influencerId: 'ada', campaignId: 'c1', earnings: EARNINGS, monthStart: MONTH_START, holdDays: 0 };
const metadata = (org: string, event: { at: string }) => ({ org, actorId: 'system:release-due', correlationId: 'test', schemaVersion: 1, occurredAt: event.at });

/** Projects every earning and conversion event stored so far into ledger_earning, as the runner would. */
async function project(): Promise<void> {
  let after: Position | null = null;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 2_000, filter: earningLedgerProjection.filter });
    if (page.length === 0) break;
    await db.transaction().execute((trx) => earningLedgerProjection.apply(trx, page));
    after = page.at(-1)!.position;
  }
}

async function seeded(): Promise<void> {
  await seedLoadedLedger(store, load);
  await seedLoadedLedger(store, { ...load, org: 'rd-other', earnings: 10 });
  const last = (await store.readStream(earningStream('rd-other', loadedEarningId({ org: 'rd-other', influencerId: 'ada' }, 9))))[1]!;
  const deadline = Date.now() + 30_000;
  while (!((await store.headPosition()) && comparePositions((await store.headPosition())!, last.position) >= 0)) {
    if (Date.now() > deadline) throw new Error('the store head did not reach the seeded events');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await project();
}

it('releases every due hold of the org over several pages, each at its holdUntil, once', async () => {
  await seeded();
  const service = new ReleaseDueService(db as never, store);
  const asOf = '2026-03-11T00:00:00.000Z';
  const due = Array.from({ length: EARNINGS }, (_, i) => i).filter((i) => Date.parse(MONTH_START) + Math.floor((i * 20 * 86_400_000) / EARNINGS) <= Date.parse(asOf));
  expect(due.length).toBeGreaterThan(LIMITS.ledger.earningStreamsPerCommand); // more than one page

  const first = await service.run({ org: 'rd', asOf, metadata });
  expect(first).toMatchObject({ released: due.length, influencers: 1, more: false });
  const released = await store.readStream(earningStream('rd', loadedEarningId(load, due.at(-1)!)));
  expect(released.map((e) => e.type)).toEqual(['EarningAccrued', 'HoldPlaced', 'HoldReleased']);
  expect(released[2]!.data).toMatchObject({ kind: 'period', early: false, reasonCode: 'hold_expired', at: released[1]!.data.holdUntil });
  const notDue = await store.readStream(earningStream('rd', loadedEarningId(load, due.length)));
  expect(notDue.map((e) => e.type)).toEqual(['EarningAccrued', 'HoldPlaced']);
  const otherOrg = await store.readStream(earningStream('rd-other', loadedEarningId({ org: 'rd-other', influencerId: 'ada' }, 0)));
  expect(otherOrg.map((e) => e.type)).toEqual(['EarningAccrued', 'HoldPlaced']);

  // The read model has not seen the releases yet: the same candidates come back, and nothing is released twice.
  expect(await service.run({ org: 'rd', asOf, metadata })).toMatchObject({ released: 0, more: false });
  await project();
  expect(await service.run({ org: 'rd', asOf, metadata })).toMatchObject({ released: 0, influencers: 0, more: false });
});
