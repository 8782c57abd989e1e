// Proves `projections rebuild all` against a real database: every read model rebuilt in one pass, one
// result line each on stdout, progress (events/s, ETA) on stderr, and verify equal afterwards.
import { auditStreamProjection, ProjectionRegistry } from '@ledger/projections';
import { appendEvents, countingProjection, createCountingTable, createFixture, lastPosition, silentLogger, untilVisible, type Fixture } from '../../libs/projections/src/testing/fixture';
import { runCli } from './cli';

let fx: Fixture;
const registry = new ProjectionRegistry([auditStreamProjection, countingProjection({ name: 'test_orders_seen', filter: { streamPrefixes: ['order-'] } })]);
beforeAll(async () => {
  fx = await createFixture();
  await createCountingTable(fx.db, 'test_orders_seen');
  // $all shows an append once no older transaction of the cluster is open: wait for it, bounded.
  await untilVisible(fx.eventStore, lastPosition(await appendEvents(fx.eventStore, { count: 12, streams: 3, tag: 'cli-all' })));
});
afterAll(() => fx.close());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { DATABASE_URL: fx.database.url }, { out: (l) => out.push(l), err: (l) => err.push(l) }, { registry, logger: silentLogger });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err: err.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

it('rebuilds every projection in one pass and reports progress on stderr', async () => {
  const rebuilt = await cli('projections', 'rebuild', 'all');
  expect(rebuilt.code).toBe(0);
  expect(rebuilt.out.map((r) => [r.action, r.projection, r.eventsApplied])).toEqual([['rebuild', 'audit_stream', 12], ['rebuild', 'test_orders_seen', 12]]);
  expect(rebuilt.err.at(-1)).toMatchObject({ progress: 'rebuild', eventsRead: 12, etaSeconds: 0, eventsPerSecond: expect.any(Number) });
  expect((await cli('projections', 'verify', 'all')).code).toBe(0);
});
