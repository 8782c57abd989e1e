// Proves the touch group commit on a real PostgresEventStore: concurrent touches (several per customer) each get their own stored event and position; a conflicting duplicate id fails only its own touch; an idle batcher appends at once.
import { createDb, createTestDatabase, migrateToLatest, type DbHandle, type TestDatabase } from '@ledger/db';
import { DuplicateEventIdMismatch, formatPosition, PostgresEventStore, streamName, type AppendResult, type EventStore } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { TouchAppendBatcher } from './touch-append-batcher';

let database: TestDatabase;
let handle: DbHandle<unknown>;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase('attribution_touch_batcher');
  handle = createDb<unknown>(database.url, 4);
  await migrateToLatest(handle.db as never);
  store = new PostgresEventStore(handle.pool);
});

afterAll(async () => {
  await handle.close();
  await database.drop();
});

const touch = (id: string, customer: string) => ({ id, type: 'TouchRecorded', data: { touchId: id, customerRef: customer }, metadata: { org: 'acme', actor: 'test' } as never });

it('appends every concurrent touch as its own event, with its own position, several per customer', async () => {
  const counting: EventStore = Object.create(store) as EventStore;
  let manyCalls = 0;
  counting.appendMany = (appends) => {
    manyCalls += 1;
    return store.appendMany(appends);
  };
  const batcher = new TouchAppendBatcher(counting);
  const ids = Array.from({ length: 120 }, () => randomId());
  const customers = ids.map((_, i) => `c-${i % 30}`);
  const results = await Promise.all(ids.map((id, i) => batcher.append(streamName('customer', 'acme', customers[i]!), touch(id, customers[i]!))));
  expect(manyCalls).toBeGreaterThan(0); // they were grouped
  expect(new Set(results.map((r) => formatPosition(r.position))).size).toBe(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const events = await store.readStream(streamName('customer', 'acme', customers[i]!));
    const mine = events.find((e) => e.id === ids[i]);
    expect(mine).toBeDefined();
    expect(formatPosition(mine!.position)).toBe(formatPosition(results[i]!.position));
    expect(results[i]!.written).toBe(1);
  }
});

it('a duplicate id with other content fails only that touch; the same touch again is a no-op with the stored position', async () => {
  const batcher = new TouchAppendBatcher(store);
  const taken = randomId();
  const first = await batcher.append(streamName('customer', 'acme', 'dup'), touch(taken, 'dup'));
  const others = Array.from({ length: 10 }, () => randomId());
  const answers = await Promise.allSettled([
    batcher.append(streamName('customer', 'acme', 'x-0'), touch(randomId(), 'x-0')), // in flight alone; the rest queue
    batcher.append(streamName('customer', 'acme', 'dup'), touch(taken, 'other content')),
    batcher.append(streamName('customer', 'acme', 'dup'), touch(taken, 'dup')),
    ...others.map((id, i) => batcher.append(streamName('customer', 'acme', `y-${i}`), touch(id, `y-${i}`))),
  ]);
  expect(answers[1]!.status).toBe('rejected');
  expect((answers[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdMismatch);
  expect(answers[2]!.status).toBe('fulfilled');
  expect(formatPosition((answers[2] as PromiseFulfilledResult<AppendResult>).value.position)).toBe(formatPosition(first.position));
  for (const [i, answer] of answers.entries()) if (i !== 1) expect(answer.status).toBe('fulfilled');
  for (const [i, id] of others.entries()) expect((await store.readStream(streamName('customer', 'acme', `y-${i}`))).map((e) => e.id)).toEqual([id]);
});
