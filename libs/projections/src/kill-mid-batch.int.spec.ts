// Proves exactly-once application across a crash: a child process running a slowed projection is SIGKILLed mid-batch, restarted, and every event ends up applied once (a per-row apply counter would show a double application).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadCheckpoints } from './checkpoint';
import { appendEvents, appliedCounts, createCountingTable, createFixture, eventually, type Fixture } from './testing/fixture';

const TABLE = 'killed_applied';
const EVENTS = 120;
const BATCH = 10;

let fx: Fixture;
beforeAll(async () => {
  fx = await createFixture();
  await createCountingTable(fx.db, TABLE);
});
afterAll(async () => {
  await fx.close();
});

function startChild(): ChildProcess & { output: string[] } {
  const dir = join(__dirname, 'testing');
  const child = spawn(process.execPath, ['-r', join(dir, 'register-ts.js'), join(dir, 'kill-mid-batch.child.ts')], {
    env: { ...process.env, DATABASE_URL: fx.database.url, PROJECTION_TABLE: TABLE, BATCH_EVENTS: String(BATCH) },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: string[] };
  child.output = [];
  child.stdout!.on('data', (chunk: Buffer) => child.output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => child.output.push(chunk.toString()));
  return child;
}

async function eventsApplied(): Promise<number> {
  return (await loadCheckpoints(fx.db, [TABLE])).get(TABLE)?.eventsApplied ?? 0;
}

/** The child's batch transaction, caught inside its apply (pg_sleep), i.e. mid-batch. */
async function batchInFlight(): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
    where datname = current_database() and state = 'active' and query like '%pg_sleep%' and pid <> pg_backend_pid()`.execute(fx.db);
  return rows[0]!.n > 0;
}

it('a projector SIGKILLed mid-batch resumes after restart and applies every event exactly once', async () => {
  await appendEvents(fx.eventStore, { count: EVENTS, streams: 7, tag: 'kill' });

  const first = startChild();
  await eventually(async () => (await eventsApplied()) >= 2 * BATCH && (await batchInFlight()), 30_000, 5);
  first.kill('SIGKILL');
  await once(first, 'exit');
  expect(first.signalCode).toBe('SIGKILL');

  // Only whole batches survived the crash: the half-applied one rolled back with its checkpoint.
  const appliedAtKill = await eventsApplied();
  expect(appliedAtKill).toBeLessThan(EVENTS);
  expect(appliedAtKill % BATCH).toBe(0);
  expect(await appliedCounts(fx.db, TABLE)).toEqual({ rows: appliedAtKill, maxApplied: 1 });

  const second = startChild();
  try {
    const head = (await fx.eventStore.headPosition())!;
    await eventually(async () => {
      const stored = (await loadCheckpoints(fx.db, [TABLE])).get(TABLE);
      return stored?.position?.commit === head.commit && stored.position.prepare === head.prepare;
    }, 30_000);
  } finally {
    second.kill('SIGTERM'); // drains: the current step finishes, locks are released, exit 0
    await once(second, 'exit');
  }
  expect({ code: second.exitCode, output: second.output.join('') }).toEqual({ code: 0, output: 'started\n' });
  expect(await appliedCounts(fx.db, TABLE)).toEqual({ rows: EVENTS, maxApplied: 1 });
  expect(await eventsApplied()).toBe(EVENTS);
});
