// Proves rebuildAll on real PostgreSQL: one pass over $all rebuilds several read models (each fed only
// its filter's events, parked events left out) into tables with the same checksums as one-by-one replays
// and as the live ones, sets every checkpoint, reports progress up to the head, and stops when aborted
// leaving the live tables and checkpoints as they were.
import { sql } from 'kysely';
import { formatPosition } from '@ledger/event-store';
import { auditStreamProjection } from './audit-stream/audit-stream.projection';
import { loadCheckpoint } from './checkpoint';
import { tableChecksum } from './checksum';
import { park } from './parking';
import { ProjectionRunner } from './projection-runner';
import { verifyProjection } from './rebuild';
import { rebuildAll, type RebuildAllProgress } from './rebuild-all';
import { appendEvents, appliedCounts, countingProjection, createCountingTable, createFixture, lastPosition, silentLogger, type Fixture } from './testing/fixture';

let fx: Fixture;
const orders = countingProjection({ name: 'test_orders_seen', filter: { streamPrefixes: ['order-'] } });
const projections = [auditStreamProjection, orders];
beforeAll(async () => {
  fx = await createFixture();
  await createCountingTable(fx.db, 'test_orders_seen');
  await appendEvents(fx.eventStore, { count: 30, streams: 4, category: 'order', tag: 'o' });
  const last = lastPosition(await appendEvents(fx.eventStore, { count: 20, streams: 3, category: 'customer', tag: 'c' }));
  const runner = new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections, logger: silentLogger, idlePollMs: 10 });
  await runner.start();
  await runner.waitFor(last, 30_000);
  await runner.stop();
});
afterAll(() => fx.close());

const settings = () => ({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, logger: silentLogger, batchEvents: 7, pauseWaitMs: 10_000 });
const live = async (table: string) => tableChecksum(fx.db, 'public', table);

it('rebuilds every read model in one pass, equal to the live tables, with progress to the head', async () => {
  const before = { audit: await live('audit_stream'), orders: await live('test_orders_seen') };
  const progress: RebuildAllProgress[] = [];
  const reports = await rebuildAll({ ...settings(), onPageProgress: (p) => progress.push(p) }, projections);
  expect(reports.map((r) => [r.projection, r.eventsApplied])).toEqual([['audit_stream', 50], ['test_orders_seen', 30]]);
  expect({ audit: await live('audit_stream'), orders: await live('test_orders_seen') }).toEqual(before);
  expect((await appliedCounts(fx.db, 'test_orders_seen')).maxApplied).toBe(1);
  const head = await fx.eventStore.headPosition();
  expect(progress.at(-1)).toMatchObject({ eventsRead: 50 });
  expect(formatPosition(progress.at(-1)!.position)).toBe(formatPosition(head!));
  expect(progress.map((p) => p.eventsRead)).toEqual([7, 14, 21, 28, 35, 42, 49, 50]);
  for (const p of projections) expect(formatPosition((await loadCheckpoint(fx.db, p.name))!)).toBe(formatPosition(head!));
  for (const p of projections) expect((await verifyProjection(settings(), p)).equal).toBe(true);
});

it('leaves out what a projection has parked; an abort changes nothing', async () => {
  const [first] = await fx.eventStore.readAll({ after: null, maxCount: 1, filter: { streamPrefixes: ['order-'] } });
  await park(fx.db, [{ consumer: 'test_orders_seen', org: 'acme', stream: first!.stream, revision: first!.revision, position: first!.position, eventId: first!.id, eventType: first!.type, kind: 'failed', errorCode: null, errorMessage: 'poison' }]);
  const [audit, ordersReport] = await rebuildAll(settings(), projections);
  expect([audit!.eventsApplied, ordersReport!.eventsApplied]).toEqual([50, 29]);

  const before = { audit: await live('audit_stream'), orders: await live('test_orders_seen'), checkpoint: await loadCheckpoint(fx.db, 'audit_stream') };
  const aborted = new AbortController();
  await expect(rebuildAll({ ...settings(), signal: aborted.signal, onPageProgress: () => aborted.abort() }, projections)).rejects.toThrow();
  expect({ audit: await live('audit_stream'), orders: await live('test_orders_seen'), checkpoint: await loadCheckpoint(fx.db, 'audit_stream') }).toEqual(before);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname like 'projection_rebuild_%'`.execute(fx.db);
  expect(rows[0]!.n).toBe(0);
});
