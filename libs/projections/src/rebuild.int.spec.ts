// Proves blue/green rebuild and verify on real PostgreSQL: a rebuild (live runner paused by the lock) swaps in tables with the same per-table checksum and the live index names, the runner carries on after it, and verify reports equal until a live row is tampered with. Waits are on appended positions ($all visibility lags under load), bounded.
import { sql } from 'kysely';
import { comparePositions, formatPosition } from '@ledger/event-store';
import { holdExclusive, ProjectionBusy } from './advisory-locks';
import { auditStreamProjection } from './audit-stream/audit-stream.projection';
import { loadCheckpoints } from './checkpoint';
import { tableChecksum } from './checksum';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection, verifyProjection } from './rebuild';
import { appendEvents, createFixture, eventually, lastPosition, SETTLE_MS, silentLogger, testEvent, type Fixture } from './testing/fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
  // A second read model with two tables, named indexes and a check: the swap must keep them as built.
  await sql`create table test_order_total (order_stream text primary key, events int not null check (events > 0), last_type text not null)`.execute(fx.db);
  await sql`create index test_order_total_by_type on test_order_total (last_type, order_stream)`.execute(fx.db);
  await sql`create table test_type_seen (type text not null, first_ref text not null, constraint test_type_seen_one unique (type))`.execute(fx.db);
});
afterAll(async () => {
  await fx.close();
});

const orderTotals: Projection = {
  name: 'test_order_totals',
  tables: ['test_order_total', 'test_type_seen'],
  filter: { streamPrefixes: ['order-'] },
  async apply(trx, events) {
    for (const e of events) {
      await sql`insert into test_order_total (order_stream, events, last_type) values (${e.stream}, ${Number(e.revision) + 1}, ${e.type})
                on conflict (order_stream) do update set events = excluded.events, last_type = excluded.last_type`.execute(trx);
      await sql`insert into test_type_seen (type, first_ref) values (${e.type}, ${String(e.data.ref)}) on conflict do nothing`.execute(trx);
    }
  },
};

const projections = [auditStreamProjection, orderTotals];
const settings = () => ({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, logger: silentLogger, batchEvents: 7, pauseWaitMs: 10_000 });

async function checksums(schema: string, projection: Projection): Promise<string[]> {
  const sums = [];
  for (const table of projection.tables) sums.push(await tableChecksum(fx.db, schema, table));
  return sums;
}

async function indexNames(schema: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = ${schema}
    and tablename in ('audit_stream', 'test_order_total', 'test_type_seen') order by 1`.execute(fx.db);
  return rows.map((r) => r.name);
}

it('rebuilds while the live runner is paused, with identical checksums, and the runner carries on after the swap', async () => {
  await appendEvents(fx.eventStore, { count: 40, streams: 6, tag: 'rb-order' });
  const payouts = await appendEvents(fx.eventStore, { count: 15, streams: 3, category: 'payout', type: 'PayoutItemPosted', tag: 'rb-payout' });
  const runner = new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections, logger: silentLogger, idlePollMs: 10, batchEvents: 5 });
  await runner.start();
  try {
    // Every appended event applied (not just a head read now, which may still be short of them),
    // so the runner is idle and the live checksums are final.
    expect(await runner.waitFor(lastPosition(payouts), SETTLE_MS)).toBe(true);
    // waitFor may answer from the runner's memory; the skip past the payouts reaches the table
    // once the head is quiet (idle persist), and the archive note below names that checkpoint.
    await eventually(async () => {
      const at = (await loadCheckpoints(fx.db, [orderTotals.name])).get(orderTotals.name)?.position;
      return !!at && comparePositions(at, lastPosition(payouts)) >= 0;
    }, SETTLE_MS);
    const liveSums = [await checksums('public', auditStreamProjection), await checksums('public', orderTotals)];
    const liveIndexes = await indexNames('public');

    const liveCheckpoint = (await loadCheckpoints(fx.db, [orderTotals.name])).get(orderTotals.name)!.position!;
    for (const [i, projection] of projections.entries()) {
      const report = await rebuildProjection(settings(), projection);
      expect(report.tables.map((t) => t.checksum)).toEqual(liveSums[i]);
      expect(report.archivedTo).toBe(`projection_archive_${projection.name}`);
    }
    expect(await indexNames('public')).toEqual(liveIndexes);
    const constraints = await sql<{ name: string }>`select conname as name from pg_constraint
      where conrelid in ('public.test_type_seen'::regclass, 'public.test_order_total'::regclass) order by 1`.execute(fx.db);
    expect(constraints.rows.map((r) => r.name)).toEqual(['test_order_total_events_check', 'test_order_total_pkey', 'test_type_seen_one']);
    expect(await checksums('projection_archive_test_order_totals', orderTotals)).toEqual(liveSums[1]);
    const note = await sql<{ note: string }>`select obj_description('projection_archive_test_order_totals'::regnamespace, 'pg_namespace') as note`.execute(fx.db);
    expect(note.rows[0]!.note).toContain(`were at checkpoint ${formatPosition(liveCheckpoint)}`);
    const leftover = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname like 'projection_rebuild_%'`.execute(fx.db);
    expect(leftover.rows[0]!.n).toBe(0);

    // The live runner resumes from the swapped-in checkpoint and writes into the new tables.
    const after = await fx.eventStore.append('order-acme.after', [testEvent('OrderReturned', 'rb-after')], { expectedRevision: 'no_stream' });
    expect(await runner.waitFor(after.position, SETTLE_MS)).toBe(true);
    const row = await sql<{ events: number }>`select events from test_order_total where order_stream = 'order-acme.after'`.execute(fx.db);
    expect(row.rows).toEqual([{ events: 1 }]);
    const stored = await loadCheckpoints(fx.db, ['audit_stream']);
    expect(stored.get('audit_stream')!.eventsApplied).toBe(56);

    for (const projection of projections) {
      const report = await verifyProjection(settings(), projection);
      expect(report.equal).toBe(true);
    }
  } finally {
    await runner.stop();
  }
}, 3 * SETTLE_MS);

it('verify reports a tampered live table, and leaves the live tables as they were', async () => {
  const clean = await verifyProjection(settings(), orderTotals);
  expect(clean.equal).toBe(true);
  expect(clean.tables.map((t) => t.table)).toEqual(['test_order_total', 'test_type_seen']);

  await sql`update test_order_total set events = events + 1 where order_stream = 'order-acme.s1'`.execute(fx.db);
  const tampered = await verifyProjection(settings(), orderTotals);
  expect(tampered.equal).toBe(false);
  expect(tampered.tables.map((t) => [t.table, t.equal])).toEqual([['test_order_total', false], ['test_type_seen', true]]);
  expect(tampered.checkpoint).toBe(clean.checkpoint);
  const still = await sql<{ n: number }>`select count(*)::int as n from test_order_total where order_stream = 'order-acme.s1' and events = 8`.execute(fx.db);
  expect(still.rows[0]!.n).toBe(1);
  const scratch = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname like 'projection_verify_%'`.execute(fx.db);
  expect(scratch.rows[0]!.n).toBe(0);

  // A rebuild repairs it.
  await rebuildProjection(settings(), orderTotals);
  expect((await verifyProjection(settings(), orderTotals)).equal).toBe(true);
});

it('verify waits for the live instance to yield, and fails cleanly when it cannot get the lock in time', async () => {
  const blocker = new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections: [orderTotals], logger: silentLogger, idlePollMs: 10 });
  await blocker.start();
  try {
    await eventually(async () => blocker.isActive(orderTotals.name), SETTLE_MS);
    // The runner yields at its next step, so verify gets the lock well within its wait.
    expect((await verifyProjection(settings(), orderTotals)).equal).toBe(true);
    await eventually(async () => blocker.isActive(orderTotals.name), SETTLE_MS); // and takes it back afterwards
  } finally {
    await blocker.stop();
  }
  // Another maintenance run holds the lock: verify gives up after its wait, with a clear error.
  const other = await holdExclusive(fx.pool, orderTotals.name, 1_000);
  try {
    await expect(verifyProjection({ ...settings(), pauseWaitMs: 200 }, orderTotals)).rejects.toBeInstanceOf(ProjectionBusy);
  } finally {
    await other.release();
  }
  expect((await verifyProjection(settings(), orderTotals)).equal).toBe(true);
});
