// Proves the inbox-items process manager on real PostgreSQL (event store, checkpoint, parking): each cause gets one
// item however often the batch is replayed; an event it cannot process is parked and the batch goes on; a retry the
// operator asks for is tried again (and parked again while it still fails). Driven by catchUp (no sleeps).
import type { Pool } from 'pg';
import type { Kysely } from 'kysely';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { comparePositions, PostgresEventStore, type EventStore, type Position } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { listParked, requestRetry } from '@ledger/projections';
import { INBOX_ITEMS_PM, InboxItemsLoop } from './inbox-items.loop';
import { InboxItemsProcessor } from './inbox-items.processor';

const T0 = '2026-03-01T10:00:00.000Z';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
let database: TestDatabase;
let pool: Pool;
let db: Kysely<any>;
let store: EventStore;
let loop: InboxItemsLoop;

beforeAll(async () => {
  database = await createTestDatabase('ledger_inbox_pm');
  ({ pool, db } = createDb<any>(database.url));
  await migrateToLatest(db);
  store = new PostgresEventStore(pool);
  loop = new InboxItemsLoop({ db, store, processor: new InboxItemsProcessor(store), logger: silent, batchEvents: 2, idlePollMs: 5 });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await db?.destroy();
  await database?.drop();
});

let lastAppended: Position | null = null;
async function appendHold(stream: string, data: Record<string, unknown>, org: string): Promise<void> {
  const result = await store.append(stream, [{ id: randomId(), type: 'HoldPlaced', data, metadata: { org, actorId: 'fin', correlationId: randomId(), schemaVersion: 1, occurredAt: T0 } }], { expectedRevision: 'any' });
  lastAppended = result.position;
}
const hold = (org: string, earningId: string, kind: string) => appendHold(`earning-${org}.${earningId}`, { earningId, kind, reasonCode: 'kyc_pending', at: T0 }, org);

/** $all shows an event only once every older transaction of the server has ended: wait (bounded) for ours, then run the loop. */
async function catchUp(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const head = await store.headPosition();
    if (lastAppended === null || (head && comparePositions(head, lastAppended) >= 0)) break;
    if (Date.now() > deadline) throw new Error('$all did not show the appended events');
    await delay(20);
  }
  await loop.catchUp();
}

/** The items' events, read from the table (a $all read may not show the newest yet). */
async function inboxEvents(): Promise<Array<{ stream: string; data: { subject: { id: string } }; metadata: { causationId?: string; actorId: string } }>> {
  const { rows } = await sql<{ stream_name: string; data: { subject: { id: string } }; metadata: { causationId?: string; actorId: string } }>`
    select stream_name, data, metadata from es_event where stream_name like 'inbox-%' order by global_position`.execute(db);
  return rows.map((r) => ({ stream: r.stream_name, data: r.data, metadata: r.metadata }));
}

it('creates one item per cause, whatever is replayed; period holds create none', async () => {
  await hold('pm-a', 'e-1', 'manual');
  await hold('pm-a', 'e-2', 'period');
  await hold('pm-b', 'e-3', 'fraud');
  await catchUp();
  const created = await inboxEvents();
  expect(created.map((e) => [e.stream.split('.')[0], e.data.subject.id]).sort()).toEqual([['inbox-pm-a', 'e-1'], ['inbox-pm-b', 'e-3']]);
  expect(created.every((e) => e.metadata.causationId !== undefined && e.metadata.actorId === 'system:inbox-items')).toBe(true);

  await db.updateTable('projection_checkpoint').set({ commit_position: null, prepare_position: null }).where('name', '=', INBOX_ITEMS_PM).execute();
  await catchUp();
  expect(await inboxEvents()).toHaveLength(2);
});

it('parks an event it cannot process and goes on; an operator retry tries it again', async () => {
  const before = (await inboxEvents()).length;
  // A manual hold without an earning id (a bug upstream): its item would have no subject.
  await appendHold('earning-pm-c.e-bad', { kind: 'manual', reasonCode: 'x', at: T0 }, 'pm-c');
  await hold('pm-c', 'e-good', 'manual');
  await catchUp();
  expect((await inboxEvents()).length).toBe(before + 1);
  const parkedRows = await listParked(db, { consumer: INBOX_ITEMS_PM });
  expect(parkedRows).toHaveLength(1);
  const parked = parkedRows[0];
  expect(parked).toMatchObject({ stream: 'earning-pm-c.e-bad', kind: 'failed', status: 'parked', errorCode: 'VALIDATION_FAILED', attempts: 1 });

  expect(await requestRetry(db, { id: parked!.id })).toBe(1);
  await catchUp();
  const [again] = await listParked(db, { consumer: INBOX_ITEMS_PM });
  expect(again).toMatchObject({ id: parked!.id, status: 'parked', attempts: 2 });
});
