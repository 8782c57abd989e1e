// Proves the runner on real PostgreSQL: batch and checkpoint commit together, a stale compare-and-set applies nothing, one active instance per projection (advisory lock lease with failover), filtered projections reach the head, idle advances reach the table at most once per bound (counted by a trigger) while waiters pass them at once, one shared read per poll feeds loops near the head with exactly what their filters select, and waitFor/status. Waits are on appended positions (never a head read after an append: $all visibility lags under load) and bounded.
import { sql } from 'kysely';
import { comparePositions, formatPosition } from '@ledger/event-store';
import { commitBatch } from './batch';
import { CheckpointConflict, ensureCheckpoint, loadCheckpoint, loadCheckpoints, setCheckpoint } from './checkpoint';
import { PostgresProjectionProgress } from './projection-progress';
import { matchesFilter } from './projection-loop';
import { ProjectionRunner } from './projection-runner';
import {
  appendEvents,
  appliedCounts,
  countingProjection,
  createCountingTable,
  createFixture,
  eventually,
  lastPosition,
  recordingLogger,
  SETTLE_MS,
  silentLogger,
  untilVisible,
  type Fixture,
} from './testing/fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
});
afterAll(async () => {
  await fx.close();
});

let tableNo = 0;
/** A fresh counting table + projection per test (names must be unique across the file). */
async function freshCounting(options: Parameters<typeof countingProjection>[0] = {}) {
  const name = `${options.name ?? 'counting'}_${++tableNo}`;
  await createCountingTable(fx.db, name);
  return countingProjection({ ...options, name });
}

function runner(projections: ReturnType<typeof countingProjection>[], extra: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}) {
  return new ProjectionRunner({ db: fx.db, pool: fx.pool, eventStore: fx.eventStore, projections, logger: silentLogger, idlePollMs: 10, ...extra });
}

it('applies every event exactly once, batch by batch, and checkpoints at the head', async () => {
  const projection = await freshCounting();
  const appended = await appendEvents(fx.eventStore, { count: 57, tag: 'once' });
  const r = runner([projection], { batchEvents: 10 });
  await r.start();
  try {
    const head = lastPosition(appended);
    expect(await r.waitFor(head, SETTLE_MS)).toBe(true);
    expect(await appliedCounts(fx.db, projection.name)).toEqual({ rows: 57, maxApplied: 1 });
    const stored = (await loadCheckpoints(fx.db, [projection.name])).get(projection.name)!;
    expect(stored.position).toEqual(head);
    expect(stored.eventsApplied).toBe(57);
  } finally {
    await r.stop();
  }
});

it('commits a batch and its checkpoint together: a transiently failing apply leaves neither, and is retried', async () => {
  let failing = true;
  const projection = await freshCounting({ failWhen: () => failing });
  const appended = await appendEvents(fx.eventStore, { count: 12, tag: 'atomic' });
  const logger = recordingLogger();
  const r = runner([projection], { batchEvents: 5, logger });
  await r.start();
  try {
    await eventually(async () => logger.errors.length >= 2, SETTLE_MS); // failed and retried
    expect(await appliedCounts(fx.db, projection.name)).toEqual({ rows: 0, maxApplied: 0 });
    expect(await loadCheckpoint(fx.db, projection.name)).toBeNull();
    failing = false;
    expect(await r.waitFor(lastPosition(appended), SETTLE_MS)).toBe(true);
    const { rows, maxApplied } = await appliedCounts(fx.db, projection.name);
    expect(maxApplied).toBe(1);
    expect(rows).toBeGreaterThanOrEqual(12); // the table also holds earlier tests' events
  } finally {
    await r.stop();
  }
});

it('a compare-and-set against a stale checkpoint aborts the whole batch', async () => {
  const projection = await freshCounting();
  await ensureCheckpoint(fx.db, projection.name);
  const [first, second] = await appendEvents(fx.eventStore, { count: 2, tag: 'stale' });
  await untilVisible(fx.eventStore, second!.position);
  const events = await fx.eventStore.readAll({ after: null, maxCount: 1_000 });
  const batch = events.filter((e) => comparePositions(e.position, first!.position) <= 0).slice(-1);
  await commitBatch(fx.db, projection, null, first!.position, batch); // checkpoint: null → first

  // A second writer still believing the checkpoint is empty must apply nothing.
  await expect(commitBatch(fx.db, projection, null, second!.position, batch)).rejects.toBeInstanceOf(CheckpointConflict);
  expect(await appliedCounts(fx.db, projection.name)).toEqual({ rows: 1, maxApplied: 1 });
  expect(await loadCheckpoint(fx.db, projection.name)).toEqual(first!.position);
});

it('two runners: only one runs a projection; when it stops or loses its connection, the other takes over', async () => {
  const projection = await freshCounting();
  const a = runner([projection], { batchEvents: 7 });
  const b = runner([projection], { batchEvents: 7 });
  await a.start();
  await eventually(async () => a.isActive(projection.name));
  await b.start();
  try {
    const twoA = await appendEvents(fx.eventStore, { count: 30, tag: 'two-a' });
    expect(await a.waitFor(lastPosition(twoA), SETTLE_MS)).toBe(true);
    expect(b.isActive(projection.name)).toBe(false);
    expect((await a.status()).find((s) => s.name === projection.name)?.running).toBe(true);

    // Lease: kill the lock connection of A at the server; B must take over, A must notice.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'ledger-projection-lease' and datname = current_database()
                and pid in (select pid from pg_locks where locktype = 'advisory' and granted)
                and pid <> pg_backend_pid()`.execute(fx.db);
    await eventually(async () => b.isActive(projection.name) !== a.isActive(projection.name) && b.isActive(projection.name), SETTLE_MS);
    const twoB = await appendEvents(fx.eventStore, { count: 30, tag: 'two-b' });
    expect(await b.waitFor(lastPosition(twoB), SETTLE_MS)).toBe(true);

    // Orderly hand-over: stop B, A resumes.
    await b.stop();
    await eventually(async () => a.isActive(projection.name), SETTLE_MS);
    const twoC = await appendEvents(fx.eventStore, { count: 30, tag: 'two-c' });
    expect(await a.waitFor(lastPosition(twoC), SETTLE_MS)).toBe(true);
    const { rows, maxApplied } = await appliedCounts(fx.db, projection.name);
    expect(maxApplied).toBe(1);
    expect(rows).toBe((await fx.eventStore.readAll({ after: null, maxCount: 10_000 })).length);
  } finally {
    await a.stop();
    await b.stop();
  }
});

it('a zombie still inside a batch after losing its lock cannot commit on top of its successor', async () => {
  // A's first batch is held open (inside its transaction, after its compare-and-set) until B's
  // compare-and-set for the same batch is queued behind it: the overlap is certain, not timed.
  let openA!: () => void;
  const gateA = new Promise<void>((resolve) => (openA = resolve));
  let applies = 0;
  const projection = await freshCounting({ beforeApply: () => (++applies === 1 ? gateA : Promise.resolve()) });
  const loggerA = recordingLogger();
  const loggerB = recordingLogger();
  const a = runner([projection], { batchEvents: 10, logger: loggerA });
  const b = runner([projection], { batchEvents: 10, logger: loggerB });
  const appended = await appendEvents(fx.eventStore, { count: 20, tag: 'zombie' });
  await untilVisible(fx.eventStore, lastPosition(appended)); // A's first batch is then a full one
  await a.start();
  await eventually(async () => a.isActive(projection.name), SETTLE_MS);
  await b.start();
  try {
    // A is inside a batch: cut its lease. B takes over at once and starts the same batch from
    // the same checkpoint while A's transaction is still open.
    await eventually(async () => applies >= 1, SETTLE_MS, 2);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'ledger-projection-lease' and datname = current_database()
                and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`.execute(fx.db);
    await eventually(async () => b.isActive(projection.name), SETTLE_MS);
    // B's compare-and-set waits on the checkpoint row A has locked; then A commits.
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike '%update%projection_checkpoint%'
          and pid <> pg_backend_pid()`.execute(fx.db);
      return rows[0]!.n > 0;
    }, SETTLE_MS);
    openA();
    expect(await b.waitFor(lastPosition(appended), SETTLE_MS)).toBe(true);
    // Exactly one of the overlapping batches committed (A's); B's hit the compare-and-set.
    expect(loggerB.warnings).toContain('checkpoint moved under us; batch discarded, reloading');
    const { rows, maxApplied } = await appliedCounts(fx.db, projection.name);
    expect(maxApplied).toBe(1);
    expect(rows).toBe((await fx.eventStore.readAll({ after: null, maxCount: 10_000 })).length);
  } finally {
    openA();
    await a.stop();
    await b.stop();
  }
});

it('a filtered projection checkpoints up to the head it has read, so waitFor passes unrelated positions', async () => {
  const projection = await freshCounting({ filter: { eventTypes: ['PayoutItemPosted'] } });
  const r = runner([projection], { batchEvents: 3 });
  const unrelated = await appendEvents(fx.eventStore, { count: 10, tag: 'filtered-a', type: 'OrderRecorded' });
  const matching = await appendEvents(fx.eventStore, { count: 4, tag: 'filtered-b', type: 'PayoutItemPosted', category: 'payout' });
  const after = await appendEvents(fx.eventStore, { count: 10, tag: 'filtered-c', type: 'OrderRecorded' });
  await untilVisible(fx.eventStore, lastPosition(after)); // so "not running yet" is about the runner, not visibility
  // Not running yet: nothing passes, and waitFor gives up on time.
  expect(await r.waitFor(unrelated[0]!.position, 50)).toBe(false);
  await r.start();
  try {
    const last = lastPosition(after);
    expect(await r.waitFor(last, SETTLE_MS)).toBe(true);
    expect(await appliedCounts(fx.db, projection.name)).toEqual({ rows: 4, maxApplied: 1 });
    // The skip over unrelated events reaches the table once the head goes quiet (idle persist).
    await eventually(async () => comparePositions((await loadCheckpoint(fx.db, projection.name)) ?? { commit: 0n, prepare: 0n }, last) >= 0, SETTLE_MS);
    const checkpoint = await loadCheckpoint(fx.db, projection.name);
    expect(comparePositions(checkpoint!, matching[3]!.position)).toBeGreaterThan(0);
    const status = (await r.status()).find((s) => s.name === projection.name)!;
    expect(status).toMatchObject({ lagEvents: 0, running: true, eventsApplied: 4 });
    expect(formatPosition(status.head!)).toBe(formatPosition((await fx.eventStore.headPosition())!));
  } finally {
    await r.stop();
  }
});

it('status counts lag in events the projection reads, bounded; stop() releases the lock', async () => {
  const projection = await freshCounting({ filter: { streamPrefixes: ['lagging-'] } });
  await ensureCheckpoint(fx.db, projection.name);
  const lagging = await appendEvents(fx.eventStore, { count: 6, tag: 'lag', category: 'lagging' });
  await untilVisible(fx.eventStore, lastPosition(lagging)); // lag counts what readAll can see
  const r = runner([projection]);
  const before = (await r.status()).find((s) => s.name === projection.name)!;
  expect(before).toMatchObject({ checkpoint: null, lagEvents: 6, running: false });
  await r.start();
  await eventually(async () => (await r.status()).find((s) => s.name === projection.name)!.lagEvents === 0, SETTLE_MS);
  await r.stop();
  expect((await r.status()).find((s) => s.name === projection.name)!.running).toBe(false);
});

it('status also reports registered process managers (checkpoint, lag by their filter, kind); waitFor does not wait for them', async () => {
  const projection = await freshCounting();
  const manager = { name: `test_pm_${++tableNo}`, filter: { streamPrefixes: ['pmfacts-'] } };
  await ensureCheckpoint(fx.db, manager.name); // a process manager that has not moved yet
  const facts = await appendEvents(fx.eventStore, { count: 3, tag: 'pm', category: 'pmfacts' });
  const r = runner([projection], { processManagers: [manager] });
  await r.start();
  try {
    expect(await r.waitFor(lastPosition(facts), SETTLE_MS)).toBe(true); // the projection alone decides
    const statuses = await r.status();
    expect(statuses.map((s) => s.name)).toEqual([projection.name, manager.name]);
    expect(statuses[0]).toMatchObject({ kind: 'projection', running: true, lagEvents: 0 });
    expect(statuses[1]).toMatchObject({ kind: 'process_manager', checkpoint: null, lagEvents: 3, running: false });
  } finally {
    await r.stop();
  }
});

it('an idle projection persists its advance at most once per bound while traffic flows, and all of it once the head goes quiet', async () => {
  const projection = await freshCounting({ filter: { eventTypes: ['NeverAppended'] } });
  // Every update of this projection's checkpoint row, counted by the database itself.
  await sql`create table checkpoint_moves (name text not null, at timestamptz not null default clock_timestamp())`.execute(fx.db);
  await sql`create function record_checkpoint_move() returns trigger language plpgsql as $$
            begin insert into checkpoint_moves (name) values (new.name); return new; end $$`.execute(fx.db);
  await sql`create trigger checkpoint_moves after update on projection_checkpoint for each row execute function record_checkpoint_move()`.execute(fx.db);
  const idlePollMs = 20;
  const idlePersistMs = 500;
  const trafficMs = 2_500;
  const r = runner([projection], { idlePollMs, idlePersistMs, idlePersistEvents: 1_000_000 });
  await appendEvents(fx.eventStore, { count: 1, tag: 'idle-start', category: 'busy' }); // a head to advance to
  await r.start();
  try {
    await eventually(async () => r.isActive(projection.name), SETTLE_MS);
    await eventually(async () => (await loadCheckpoint(fx.db, projection.name)) !== null, SETTLE_MS); // the first advance is due at once
    await sql`delete from checkpoint_moves`.execute(fx.db);
    const startedMs = Date.now();
    let last = null as ReturnType<typeof lastPosition> | null;
    for (let i = 0; Date.now() - startedMs < trafficMs; i++) {
      last = lastPosition(await appendEvents(fx.eventStore, { count: 1, tag: `idle-${i}`, category: 'busy' }));
    }
    const elapsedMs = Date.now() - startedMs;
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from checkpoint_moves where name = ${projection.name}`.execute(fx.db);
    // One per idlePersistMs, plus slack for quiet moments (the cluster-wide xmin can hold the visible head still).
    // Without the bound it would be one per beat: ~elapsedMs / idlePollMs = ~125.
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.n).toBeLessThanOrEqual(Math.ceil(elapsedMs / idlePersistMs) + 3);
    // Traffic stops: the next beats see the same head, and the table catches up with the loop.
    await eventually(async () => comparePositions((await loadCheckpoint(fx.db, projection.name))!, last!) >= 0, SETTLE_MS);
    expect(await appliedCounts(fx.db, projection.name)).toEqual({ rows: 0, maxApplied: 0 });
    expect((await loadCheckpoints(fx.db, [projection.name])).get(projection.name)!.eventsApplied).toBe(0);
  } finally {
    await r.stop();
    await sql`drop trigger checkpoint_moves on projection_checkpoint`.execute(fx.db);
  }
});

it('waitFor (in any process) passes positions a projection does not read before its checkpoint is persisted; one it reads holds it back', async () => {
  const projection = await freshCounting({ filter: { eventTypes: ['PayoutItemPosted'] } });
  const [start] = await appendEvents(fx.eventStore, { count: 1, tag: 'gap-a' });
  await fx.db.transaction().execute((trx) => setCheckpoint(trx, projection.name, start!.position, 0));
  // No runner: only the table and the event store, as in an API process.
  const progress = new PostgresProjectionProgress({ db: fx.db, eventStore: fx.eventStore, projections: [projection], pollMs: 10 });
  const unrelated = await appendEvents(fx.eventStore, { count: 3, tag: 'gap-b' });
  expect(await progress.waitFor(lastPosition(unrelated), SETTLE_MS)).toBe(true);
  expect(await loadCheckpoint(fx.db, projection.name)).toEqual(start!.position); // nothing was persisted for it

  const [matching] = await appendEvents(fx.eventStore, { count: 1, tag: 'gap-c', type: 'PayoutItemPosted', category: 'payout' });
  const later = await appendEvents(fx.eventStore, { count: 1, tag: 'gap-d' });
  await untilVisible(fx.eventStore, lastPosition(later));
  expect(await progress.waitFor(lastPosition(unrelated), 0)).toBe(true);
  expect(await progress.waitFor(lastPosition(later), 200)).toBe(false); // an event it reads is not applied yet

  const [event] = await fx.eventStore.readAll({ after: start!.position, maxCount: 1, filter: projection.filter });
  expect(event!.position).toEqual(matching!.position);
  await commitBatch(fx.db, projection, start!.position, event!.position, [event!]);
  expect(await progress.waitFor(lastPosition(later), SETTLE_MS)).toBe(true);
});

it('the in-memory filter selects exactly what the store filter selects (what a shared page hands each loop)', async () => {
  await appendEvents(fx.eventStore, { count: 3, tag: 'mf-a', category: 'payout', type: 'PayoutItemPosted' });
  await appendEvents(fx.eventStore, { count: 3, tag: 'mf-b', category: 'payout', type: 'OrderRecorded' });
  const last = lastPosition(await appendEvents(fx.eventStore, { count: 3, tag: 'mf-c', type: 'PayoutItemPosted' }));
  await untilVisible(fx.eventStore, last);
  const all = await fx.eventStore.readAll({ after: null, maxCount: 10_000 });
  const filters = [
    undefined,
    { eventTypes: ['PayoutItemPosted'] },
    { streamPrefixes: ['payout-'] },
    { streamPrefixes: ['payout-', 'order-acme.s1'], eventTypes: ['PayoutItemPosted', 'OrderRecorded'] },
    { streamPrefixes: ['payout-'], eventTypes: ['PayoutItemPosted'] },
    { eventTypes: [] },
  ];
  for (const filter of filters) {
    const fromStore = (await fx.eventStore.readAll({ after: null, maxCount: 10_000, filter })).map((e) => e.id);
    expect(all.filter((e) => matchesFilter(e, filter)).map((e) => e.id)).toEqual(fromStore);
  }
});

it('one shared read per poll feeds every loop near the head; each applies exactly the events its filter selects, once', async () => {
  const everything = await freshCounting();
  const payoutTypes = await freshCounting({ filter: { eventTypes: ['PayoutItemPosted'] } });
  const payoutStreams = await freshCounting({ filter: { streamPrefixes: ['payout-'] } });
  const projections = [everything, payoutTypes, payoutStreams];
  let sharedReads = 0;
  const counting = new Proxy(fx.eventStore, {
    get(target, key, receiver) {
      if (key !== 'readAll') return Reflect.get(target, key, receiver);
      return (options: Parameters<typeof target.readAll>[0]) => {
        if (!options.filter && options.maxCount === 50) sharedReads += 1;
        return target.readAll(options);
      };
    },
  });
  const r = runner(projections, { eventStore: counting, batchEvents: 100, sharedReadEvents: 50 });
  await r.start();
  try {
    await eventually(async () => projections.every((p) => r.isActive(p.name)), SETTLE_MS);
    expect(await r.waitFor((await fx.eventStore.headPosition())!, SETTLE_MS)).toBe(true);
    for (let round = 0; round < 15; round++) {
      await appendEvents(fx.eventStore, { count: 2, tag: `shared-o-${round}` });
      await appendEvents(fx.eventStore, { count: 1, tag: `shared-p-${round}`, category: 'payout', type: 'PayoutItemPosted' });
      const last = lastPosition(await appendEvents(fx.eventStore, { count: 1, tag: `shared-q-${round}`, category: 'payout', type: 'OrderRecorded' }));
      expect(await r.waitFor(last, SETTLE_MS)).toBe(true);
    }
  } finally {
    await r.stop();
  }
  expect(sharedReads).toBeGreaterThan(0);
  for (const projection of projections) {
    const expected = await fx.eventStore.readAll({ after: null, maxCount: 10_000, filter: projection.filter });
    expect({ name: projection.name, ...(await appliedCounts(fx.db, projection.name)) }).toEqual({ name: projection.name, rows: expected.length, maxApplied: 1 });
  }
});
