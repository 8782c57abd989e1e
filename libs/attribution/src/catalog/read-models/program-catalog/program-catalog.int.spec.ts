// Proves the ProgramCatalog against a real PostgresEventStore: it loads every org's program events at start (in
// bounded batches, past other events), follows new ones (another instance's write within 100 ms, median), applies
// each once, and waitFor folds what it needs itself (even with a follower that never moves), confirms positions with
// or without a program event behind them, times out beyond the head, and gives up once stopped.
import { createDb, createTestDatabase, migrateToLatest, type DbHandle, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, streamName, type EventStore, type Position, type StreamAppend } from '@ledger/event-store';
import { LIMITS, randomId } from '@ledger/kernel';
import { validateCode } from '../../../domain';
import { appendProgramEvents, programRules, ProgramEvents } from '../../../testing';
import { ProgramCatalog } from './program-catalog';

const T0 = '2026-03-01T00:00:00.000Z';
const acme = new ProgramEvents('acme');
const globex = new ProgramEvents('globex');

let database: TestDatabase;
let handle: DbHandle<unknown>;
let store: PostgresEventStore;
const catalogs: ProgramCatalog[] = [];

beforeAll(async () => {
  database = await createTestDatabase('attribution_catalog');
  handle = createDb(database.url, 4);
  await migrateToLatest(handle.db as never);
  store = new PostgresEventStore(handle.pool);
});
afterAll(async () => {
  await Promise.all(catalogs.map((c) => c.stop()));
  await store.close();
  await handle.close();
  await database.drop();
});

async function started(over: EventStore = store): Promise<ProgramCatalog> {
  const catalog = new ProgramCatalog(over);
  catalogs.push(catalog);
  await catalog.start();
  return catalog;
}

const programOf = (p: ProgramEvents, code: string): StreamAppend[] => [
  p.campaignCreated('c1', programRules(), T0),
  p.campaignActivated('c1', T0),
  p.influencerRegistered('i1', T0),
  p.codeIssued({ code, campaignId: 'c1', influencerId: 'i1', issuedAt: T0 }),
];

/** A non-program event (a touch), as checkout writes them: the catalog must skip it and still cover its position. */
async function appendTouch(org: string): Promise<Position> {
  const result = await store.append(
    streamName('customer', org, `cust-${randomId()}`),
    [{ id: randomId(), type: 'TouchRecorded', data: { touchId: randomId() }, metadata: { org, actorId: 'test', correlationId: randomId(), schemaVersion: 1, occurredAt: T0 } }],
    { expectedRevision: 'any' },
  );
  return result.position;
}

/**
 * $all shows an event once no older transaction anywhere in the cluster is still running (xmin is cluster-wide, and
 * other test files write in parallel): wait for that before starting a catalog that must find it in its load.
 */
async function visible(position: Position): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error('event not visible in $all in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const usable = (catalog: ProgramCatalog, org: string, code: string) => validateCode(catalog.view(org), code, 'ecommerce', '2026-03-02T00:00:00Z').valid;

it('loads at start every org’s programs, kept apart, and covers the head even past non-program events', async () => {
  await appendProgramEvents(store, programOf(acme, 'ACME10'));
  await appendProgramEvents(store, programOf(globex, 'GLOBEX10'));
  const lastTouch = await appendTouch('acme');
  await visible(lastTouch);

  const catalog = await started();
  expect(usable(catalog, 'acme', 'acme10')).toBe(true);
  expect(usable(catalog, 'globex', 'GLOBEX10')).toBe(true);
  expect(usable(catalog, 'acme', 'GLOBEX10')).toBe(false); // another org's code is unknown here
  expect(catalog.code('globex', 'ACME10')).toBeUndefined();
  expect(catalog.influencer('acme', 'i1')?.statusHistory).toEqual([{ status: 'active', at: T0 }]);
  expect(catalog.counts()).toMatchObject({ orgs: 2, campaigns: 2, codes: 2, influencers: 2 });
  expect(comparePositions(catalog.position()!, lastTouch)).toBeGreaterThanOrEqual(0);
});

it('follows new program events and waitFor(their position) resolves once they are in', async () => {
  const catalog = await started();
  const issued = await appendProgramEvents(store, [acme.codeIssued({ code: 'LATE20', campaignId: 'c1', influencerId: 'i1', issuedAt: T0 })]);
  expect(await catalog.waitFor(issued, 5_000)).toBe(true);
  expect(usable(catalog, 'acme', 'LATE20')).toBe(true);

  const deactivated = await appendProgramEvents(store, [acme.codeDeactivated('LATE20', '2026-03-01T12:00:00Z')]);
  expect(await catalog.waitFor(deactivated, 5_000)).toBe(true);
  expect(validateCode(catalog.view('acme'), 'LATE20', 'ecommerce', '2026-03-02T00:00:00Z')).toMatchObject({ valid: false, reason: 'inactive' });
});

it('a new org shows up through view() once its first program event is followed', async () => {
  const catalog = await started();
  const initech = new ProgramEvents('initech');
  expect(catalog.view('initech').findCode('INI5')).toBeUndefined();
  const position = await appendProgramEvents(store, programOf(initech, 'INI5'));
  expect(await catalog.waitFor(position, 5_000)).toBe(true);
  expect(usable(catalog, 'initech', 'INI5')).toBe(true);
});

it('waitFor a position with no program event behind it (an order, a touch) resolves without waiting for one', async () => {
  const catalog = await started();
  const touch = await appendTouch('acme'); // and no program event after it, ever, in this test
  expect(await catalog.waitFor(touch, 5_000)).toBe(true);
  expect(comparePositions(catalog.position()!, touch)).toBeGreaterThanOrEqual(0);
});

it('waitFor a position past the head answers false after its timeout', async () => {
  const catalog = await started();
  const head = (await store.headPosition())!;
  const future: Position = { commit: head.commit + 1_000_000n, prepare: 0n };
  const startedMs = Date.now();
  expect(await catalog.waitFor(future, 150)).toBe(false);
  expect(Date.now() - startedMs).toBeGreaterThanOrEqual(140);
});

it('applies each event once: a batch read again changes nothing', async () => {
  const catalog = await started();
  const before = catalog.campaign('acme', 'c1');
  const everything = await store.readAll({ after: null, maxCount: 1_000 });
  catalog.apply(everything);
  expect(catalog.campaign('acme', 'c1')).toBe(before); // not even replaced
  expect(catalog.campaign('acme', 'c1')!.statusHistory).toHaveLength(2);
});

it('loads more program events than one read batch holds', async () => {
  const bulk = new ProgramEvents('bulk');
  const codes = LIMITS.catalog.loadBatchEvents + 10;
  let last = await appendProgramEvents(store, programOf(bulk, 'BULK0'));
  for (let from = 1; from < codes; from += 1_000) {
    const chunk: StreamAppend[] = [];
    for (let i = from; i < Math.min(from + 1_000, codes); i++) chunk.push(bulk.codeIssued({ code: `BULK${i}`, campaignId: 'c1', influencerId: 'i1', issuedAt: T0 }));
    last = await appendProgramEvents(store, chunk);
  }
  await visible(last);
  const catalog = await started();
  expect(catalog.view('bulk').findCode(`BULK${codes - 1}`)).toBeDefined();
  expect(catalog.counts().codes).toBeGreaterThanOrEqual(codes);
});

it('after stop, waitFor gives up at once and stop is idempotent', async () => {
  const catalog = await started();
  await catalog.stop();
  await catalog.stop();
  const head = (await store.headPosition())!;
  const startedMs = Date.now();
  expect(await catalog.waitFor({ commit: head.commit + 10n, prepare: 0n }, 5_000)).toBe(false);
  expect(Date.now() - startedMs).toBeLessThan(1_000);
});

it('waitFor folds the missing program events itself: a code is usable once waitFor(its position) resolves, even if the follower never moves', async () => {
  // The same store, except that following $all yields nothing until stopped: only waitFor can bring the code in.
  const stalled: EventStore = Object.assign(Object.create(store) as EventStore, {
    async *followAll(options: { signal: AbortSignal }) {
      await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
      yield* [];
    },
  });
  const catalog = await started(stalled);
  const issued = await appendProgramEvents(store, [acme.codeIssued({ code: 'AHEAD5', campaignId: 'c1', influencerId: 'i1', issuedAt: T0 })]);
  expect(usable(catalog, 'acme', 'AHEAD5')).toBe(false);
  expect(await catalog.waitFor(issued, 5_000)).toBe(true);
  expect(usable(catalog, 'acme', 'AHEAD5')).toBe(true);
});

it('read-ahead and the follower together still fold each event once, in $all order', async () => {
  const catalog = await started();
  const paused = await appendProgramEvents(store, [globex.campaignPaused('c1', '2026-03-01T06:00:00Z')]);
  const reactivated = await appendProgramEvents(store, [globex.campaignActivated('c1', '2026-03-01T07:00:00Z')]);
  expect(await catalog.waitFor(paused, 5_000)).toBe(true);
  expect(await catalog.waitFor(reactivated, 5_000)).toBe(true);
  // Whichever of the two folded them, the follower reads them again later: nothing doubles.
  await appendProgramEvents(store, [globex.codeIssued({ code: 'AFTER1', campaignId: 'c1', influencerId: 'i1', issuedAt: T0 })]).then((p) => catalog.waitFor(p, 5_000));
  const history = catalog.campaign('globex', 'c1')!.statusHistory.map((c) => c.status);
  expect(history.slice(-2)).toEqual(['paused', 'active']);
  expect(history.filter((st) => st === 'paused')).toHaveLength(1);
});

it("another instance's write reaches the catalog by its follower within 100 ms (median of 15, measured from visibility in $all)", async () => {
  const catalog = await started(); // the other instance: nobody calls waitFor on it
  const latenciesMs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const code = `FOLLOW${i}`;
    const position = await appendProgramEvents(store, [acme.codeIssued({ code, campaignId: 'c1', influencerId: 'i1', issuedAt: T0 })]);
    await visible(position); // $all's visibility is the store's, not the catalog's
    const visibleAtMs = Date.now();
    await until(() => catalog.code('acme', code) !== undefined, 5_000);
    latenciesMs.push(Date.now() - visibleAtMs);
  }
  latenciesMs.sort((a, b) => a - b);
  expect(latenciesMs[Math.floor(latenciesMs.length / 2)]).toBeLessThanOrEqual(100);
});

/** Observes (bounded) a condition that the catalog's follower makes true on its own schedule. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
