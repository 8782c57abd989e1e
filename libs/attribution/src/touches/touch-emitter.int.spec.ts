// Proves the touch emitter on a real PostgresEventStore: emit never waits, touches are group-appended by window or full batch, the queue bound drops and counts while the store is down and checkout keeps emitting, a retried flush (answer lost after commit) never double-appends, a touch superseded by a stored id with other content is dropped alone, and shutdown flushes.
import { createDb, createTestDatabase, migrateToLatest, type DbHandle, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, streamName, type EventStore, type NewEvent } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { Logger, Metrics } from '@ledger/runtime';
import { TouchEmitter, type TouchEmitterSettings } from './touch-emitter';

let database: TestDatabase;
let handle: DbHandle<unknown>;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase('attribution_touch_emitter');
  handle = createDb<unknown>(database.url, 4);
  await migrateToLatest(handle.db as never);
  store = new PostgresEventStore(handle.pool);
});

afterAll(async () => {
  await handle.close();
  await database.drop();
});

const SETTINGS: TouchEmitterSettings = { flushWindowMs: 20, maxBatchTouches: 500, maxQueuedTouches: 10_000, retryBaseMs: 5, retryMaxMs: 20 };
const silent = Logger.create({ level: 'silent' });

const touch = (customer: string, id = randomId(), note = 'a'): { stream: string; event: NewEvent } => ({
  stream: streamName('customer', 'acme', customer),
  event: { id, type: 'TouchRecorded', data: { touchId: id, customerRef: customer, note }, metadata: { org: 'acme', actorId: 'test', correlationId: randomId(), schemaVersion: 1, occurredAt: new Date().toISOString() } },
});

async function storedIds(customers: readonly string[]): Promise<string[]> {
  const streams = await store.readStreams(customers.map((c) => streamName('customer', 'acme', c)));
  return [...streams.values()].flat().map((e) => e.id);
}

async function metric(metrics: Metrics, name: string, labels = ''): Promise<number> {
  const line = (await metrics.render()).split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? 0 : Number(line.split(' ')[1]);
}

/** Polls (bounded) until the condition holds: the emitter works on its own timers. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('emit returns before anything is stored; a flush stores every touch once, several per customer, in one group append', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  const counting = Object.create(store) as EventStore;
  let calls = 0;
  counting.appendMany = (appends) => {
    calls += 1;
    return store.appendMany(appends);
  };
  // A window longer than the test: nothing can be appended before flush() asks.
  const emitter = new TouchEmitter(counting, { ...SETTINGS, flushWindowMs: 600_000 }, metrics, silent);
  const customers = Array.from({ length: 30 }, () => `w-${randomId()}`);
  const touches = Array.from({ length: 120 }, (_, i) => touch(customers[i % 30]!));
  for (const t of touches) expect(emitter.emit(t.stream, t.event)).toBe(true);
  expect(emitter.unflushed()).toBe(120);
  expect(await metric(metrics, 'ledger_checkout_touches_unflushed')).toBe(120);
  expect(await storedIds(customers)).toEqual([]); // nothing waited for the store

  expect(await emitter.flush()).toBe(0);
  expect(calls).toBe(1);
  expect((await storedIds(customers)).sort()).toEqual(touches.map((t) => t.event.id).sort());
  expect(await metric(metrics, 'ledger_checkout_touches_flushed_total')).toBe(120);
  expect(await metric(metrics, 'ledger_checkout_touches_unflushed')).toBe(0);
});

it('the window flushes on its own: touches become durable without anyone asking', async () => {
  const emitter = new TouchEmitter(store, SETTINGS, new Metrics({ defaultMetrics: false }), silent);
  const customers = Array.from({ length: 3 }, () => `t-${randomId()}`);
  const touches = customers.map((c) => touch(c));
  for (const t of touches) emitter.emit(t.stream, t.event);
  await eventually(async () => (await storedIds(customers)).length === 3);
  expect(emitter.unflushed()).toBe(0);
});

it('a full batch goes at once, without waiting for the window', async () => {
  const emitter = new TouchEmitter(store, { ...SETTINGS, flushWindowMs: 600_000, maxBatchTouches: 10 }, new Metrics({ defaultMetrics: false }), silent);
  const customers = Array.from({ length: 25 }, () => `b-${randomId()}`);
  for (const c of customers) {
    const t = touch(c);
    emitter.emit(t.stream, t.event);
  }
  await eventually(async () => (await storedIds(customers)).length === 20);
  expect(emitter.unflushed()).toBe(5); // the third batch is not full: it waits for its window
  expect(await emitter.flush()).toBe(0);
  expect(await storedIds(customers)).toHaveLength(25);
});

it('while the store is down: emit keeps answering, the queue holds up to its bound, beyond it touches are dropped and counted; all queued ones are stored once it is back', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  let down = true;
  const flaky = Object.create(store) as EventStore;
  flaky.appendMany = (appends) => (down ? Promise.reject(new Error('connection refused')) : store.appendMany(appends));
  const emitter = new TouchEmitter(flaky, { ...SETTINGS, maxQueuedTouches: 30 }, metrics, silent);
  const customers = Array.from({ length: 40 }, () => `d-${randomId()}`);
  const accepted = customers.map((c) => {
    const t = touch(c);
    return emitter.emit(t.stream, t.event) ? t.event.id : null;
  });
  expect(accepted.filter((id) => id !== null)).toHaveLength(30);
  expect(await metric(metrics, 'ledger_checkout_touches_dropped_total', '{reason="queue_full"}')).toBe(10);
  await eventually(async () => (await metric(metrics, 'ledger_checkout_touch_flush_failures_total')) >= 2); // retried with backoff
  expect(emitter.unflushed()).toBe(30);

  down = false;
  await eventually(async () => emitter.unflushed() === 0);
  expect((await storedIds(customers)).sort()).toEqual(accepted.filter((id): id is string => id !== null).sort());
});

it('a flush whose commit succeeded but whose answer was lost is sent again and stores nothing twice', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  let loseNextAnswer = true;
  const lossy = Object.create(store) as EventStore;
  lossy.appendMany = async (appends) => {
    const results = await store.appendMany(appends);
    if (loseNextAnswer) {
      loseNextAnswer = false;
      throw new Error('connection reset after commit');
    }
    return results;
  };
  const emitter = new TouchEmitter(lossy, SETTINGS, metrics, silent);
  const customers = Array.from({ length: 5 }, () => `l-${randomId()}`);
  const touches = customers.flatMap((c) => [touch(c), touch(c)]);
  for (const t of touches) emitter.emit(t.stream, t.event);
  await eventually(async () => emitter.unflushed() === 0);
  expect(await metric(metrics, 'ledger_checkout_touch_flush_failures_total')).toBe(1);
  const stored = await storedIds(customers);
  expect(stored).toHaveLength(10);
  expect(stored.sort()).toEqual(touches.map((t) => t.event.id).sort());
});

it('a touch whose id is stored with other content is dropped alone (the first recording stands); so is a later copy in the same batch', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  const emitter = new TouchEmitter(store, SETTINGS, metrics, silent);
  const cart = `cart-${randomId()}`;
  const taken = randomId();
  const first = touch(cart, taken, 'first');
  await store.append(first.stream, [first.event], { expectedRevision: 'any' });
  const inBatch = randomId();
  const others = Array.from({ length: 5 }, () => touch(`o-${randomId()}`));
  const copyA = touch(`c-${randomId()}`, inBatch, 'a');
  const copyB = { ...touch('ignored', inBatch, 'b'), stream: copyA.stream };
  for (const t of [touch(cart, taken, 'later'), copyA, ...others, copyB]) emitter.emit(t.stream, t.event);
  expect(await emitter.flush()).toBe(0);

  const [stored] = await store.readStreams([first.stream]).then((m) => [...m.values()]);
  expect(stored!.map((e) => e.data)).toEqual([first.event.data]);
  expect((await store.readStream(copyA.stream)).map((e) => e.data)).toEqual([copyA.event.data]);
  for (const o of others) expect((await store.readStream(o.stream)).map((e) => e.id)).toEqual([o.event.id]);
  expect(await metric(metrics, 'ledger_checkout_touches_dropped_total', '{reason="duplicate_id"}')).toBe(2);
});

it('shutdown flushes what is queued before the store closes', async () => {
  const emitter = new TouchEmitter(store, { ...SETTINGS, flushWindowMs: 600_000 }, new Metrics({ defaultMetrics: false }), silent);
  const customers = Array.from({ length: 7 }, () => `s-${randomId()}`);
  for (const c of customers) {
    const t = touch(c);
    emitter.emit(t.stream, t.event);
  }
  expect(await storedIds(customers)).toEqual([]);
  await emitter.onApplicationShutdown();
  expect(await storedIds(customers)).toHaveLength(7);
});
