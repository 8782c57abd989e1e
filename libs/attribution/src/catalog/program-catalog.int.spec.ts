// Proves the ProgramCatalog against a real PostgresEventStore: it loads every org's program events at start (in
// bounded batches, past other events), follows new ones, applies each once, and waitFor confirms positions with or
// without a program event behind them, times out beyond the head, and gives up once stopped.
import { createDb, createTestDatabase, migrateToLatest, type DbHandle, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, streamName, type Position, type StreamAppend } from '@ledger/event-store';
import { LIMITS, randomId } from '@ledger/kernel';
import { validateCode } from '../domain';
import { appendProgramEvents, programRules, ProgramEvents } from '../testing';
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

async function started(): Promise<ProgramCatalog> {
  const catalog = new ProgramCatalog(store);
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
