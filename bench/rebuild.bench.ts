import { sql } from 'kysely';
import { createDb, migrateToLatest } from '@ledger/db';
import { PostgresEventStore, type EventStore } from '@ledger/event-store';
import { rebuildAll, rebuildProjection, type ProjectionLogger } from '@ledger/projections';
import { projectionRegistry } from '../apps/main/projections';
import { seedHistory } from './rebuild-history';
import { benchDatabase, report, type Benchmark } from './support';

// `npm run bench -- rebuild`: REBUILD_EVENTS (default 1,000,000) events of a realistic history
// (bench/rebuild-history.ts) → every registered read model rebuilt from scratch, in events/s, beside a
// raw baseline in the same run: a keyset read of the same events plus a multi-row INSERT of as many rows
// (1,000 a statement) into a plain table — what any rebuild must at least do. Goal: ratio ≥ 0.3, peak
// RSS ≤ 512 MB. Levers (env): REBUILD_MODE=all (one pass for every read model, default) | each (one
// rebuildProjection per read model), REBUILD_BATCH (events a page, default LIMITS.projections.rebuildBatchEvents),
// REBUILD_PARALLEL=0 (mode all: one transaction per page for every read model instead of one each, concurrently),
// REBUILD_UNLOGGED=1 (mode all: UNLOGGED scratch tables, SET LOGGED before the swap, instead of logged from the start).
export const benchmarks: Record<string, Benchmark> = { rebuild: rebuildBench };

const EVENTS = Number(process.env.REBUILD_EVENTS ?? 1_000_000);
const MODE = process.env.REBUILD_MODE ?? 'all';
const BATCH = process.env.REBUILD_BATCH ? Number(process.env.REBUILD_BATCH) : undefined;
const READ_PAGE = 2_000;
const INSERT_ROWS = 1_000;
const quiet: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function rebuildBench(): Promise<void> {
  const database = await benchDatabase();
  const { db, pool } = createDb<any>(database.url, 4);
  const store = new PostgresEventStore(pool);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    await migrateToLatest(db);
    const seedStart = Date.now();
    const seeded = await seedHistory(store, EVENTS, (n) => {
      if (n % 100_000 < 8_000) process.stderr.write(`[rebuild] seeded ${n} events\n`);
    });
    process.stderr.write(`[rebuild] seeded ${seeded} events in ${Math.round((Date.now() - seedStart) / 1_000)} s\n`);
    await sql`vacuum analyze es_event`.execute(db);

    const before = await baseline(db, store);
    const timings = new Map<string, number>();
    // Time spent in each projection's apply (REBUILD_PROFILE=1): where a lever would pay.
    const projections = process.env.REBUILD_PROFILE
      ? projectionRegistry.all().map((p) => ({
          ...p,
          apply: async (trx: never, events: never[]) => {
            const t0 = process.hrtime.bigint();
            await p.apply(trx, events);
            timings.set(p.name, (timings.get(p.name) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e9);
          },
        }))
      : projectionRegistry.all();
    const started = process.hrtime.bigint();
    let lastReport = Date.now();
    let readSeconds = 0;
    const timedStore: EventStore = Object.assign(Object.create(store) as EventStore, {
      readAll: async (options: Parameters<EventStore['readAll']>[0]) => {
        const t0 = process.hrtime.bigint();
        const events = await store.readAll(options);
        readSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
        return events;
      },
    });
    let replayedAt = 0n;
    if (MODE === 'each') {
      for (const p of projections) await rebuildProjection({ db, pool, eventStore: store, logger: quiet, ...(BATCH ? { batchEvents: BATCH } : {}) }, p);
    } else {
      await rebuildAll({
        db, pool, eventStore: process.env.REBUILD_PROFILE ? timedStore : store, logger: quiet, ...(BATCH ? { batchEvents: BATCH } : {}),
        parallel: process.env.REBUILD_PARALLEL !== '0',
        unlogged: process.env.REBUILD_UNLOGGED === '1',
        onPageProgress: ({ eventsRead, position, upTo }) => {
          if (position.commit === upTo.commit && position.prepare === upTo.prepare) replayedAt = process.hrtime.bigint();
          if (Date.now() - lastReport < 10_000) return;
          lastReport = Date.now();
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          process.stderr.write(`[rebuild] ${eventsRead} events, ${Math.round(eventsRead / seconds)} events/s\n`);
        },
      }, projections);
    }
    const rebuildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (replayedAt > 0n) process.stderr.write(`[rebuild] reads ${readSeconds.toFixed(1)} s; after the last page (swap, checksums): ${(Number(process.hrtime.bigint() - replayedAt) / 1e9).toFixed(1)} s\n`);
    if (timings.size > 0) process.stderr.write(`[rebuild] apply seconds: ${JSON.stringify(Object.fromEntries([...timings].map(([k, v]) => [k, Math.round(v * 10) / 10])))}\n`);
    const after = await baseline(db, store);
    const baselineRate = (seeded / before + seeded / after) / 2;
    const rebuildRate = seeded / rebuildSeconds;
    process.stderr.write(`[rebuild] mode ${MODE}, batch ${BATCH ?? 'default'}: rebuild ${rebuildSeconds.toFixed(1)} s; baseline ${before.toFixed(1)} s before, ${after.toFixed(1)} s after\n`);
    report(`rebuild every read model (${projections.length} projections) from ${seeded} events`, rebuildRate, 'events/s', baselineRate);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    report('rebuild peak RSS', peakRss / 1_048_576, 'MB', 512);
  } finally {
    clearInterval(sampler);
    await store.close();
    await db.destroy();
    await database.drop();
    await database.stop();
  }
}

/** Seconds to read every event in keyset pages and INSERT as many rows, 1,000 a statement, into a plain table. */
async function baseline(db: any, store: EventStore): Promise<number> {
  await sql`drop table if exists bench_baseline`.execute(db);
  await sql`create table bench_baseline (org text not null, id bigint not null, amount_minor bigint not null, at timestamptz not null, primary key (org, id))`.execute(db);
  const started = process.hrtime.bigint();
  let after = null;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    read += page.length;
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1]!.position;
  }
  for (let from = 0; from < read; from += INSERT_ROWS) {
    const rows = [];
    for (let id = from; id < Math.min(read, from + INSERT_ROWS); id++) rows.push(sql`(${'bench'}, ${id}, ${id % 1_000}, ${'2026-01-01T00:00:00Z'})`);
    await sql`insert into bench_baseline (org, id, amount_minor, at) values ${sql.join(rows)}`.execute(db);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}
