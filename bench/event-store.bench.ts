import type { Pool } from 'pg';
import { createDb, migrateToLatest } from '@ledger/db';
import { PostgresEventStore, type NewEvent, type Position, type StreamAppend } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { benchDatabase, median, rate, report, type Benchmark } from './support';

// `npm run bench -- event-store`: the PostgreSQL event store beside plain INSERT/SELECT of the
// same rows into a plain table (bigserial primary key, no other index), in the same database.
// Each figure is the median of REPEATS runs, the store's and the baseline's back to back (so both
// tables grow alike and both see the same load); the ratio is the median of the paired ratios.
export const benchmarks: Record<string, Benchmark> = { 'event-store': eventStoreBench };

const REPEATS = 7;
const BATCH_EVENTS = 100;
const BATCHES = 50; // per run: 5,000 events
const SINGLES = 500; // per run
const READ_PAGE = 1_000;

const RAW_TABLE = `
  CREATE TABLE bench_raw_event (
    global_position bigserial PRIMARY KEY,
    event_id uuid NOT NULL, stream_name text NOT NULL, revision bigint NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now())`;

async function eventStoreBench(): Promise<void> {
  const database = await benchDatabase();
  const handle = createDb<unknown>(database.url, 4);
  try {
    await migrateToLatest(handle.db);
    await handle.pool.query(RAW_TABLE);
    const store = new PostgresEventStore(handle.pool);
    const pool = handle.pool;
    let run = 0;
    const next = () => `r${run++}`;

    const batched = await compare(
      () => {
        const calls = batchCalls(next(), BATCHES, 1, BATCH_EVENTS);
        return [() => rawMultiRow(pool, calls), () => appendCalls(store, calls)];
      },
      BATCHES * BATCH_EVENTS,
    );
    report('raw multi-row INSERT, 100 rows a statement (baseline)', batched.baseline, 'events/s');
    report('append, 100-event batches to 1 stream a call', batched.subject, 'events/s', batched.baseline, batched.ratio);

    const many = await compare(
      () => {
        const calls = batchCalls(next(), BATCHES, BATCH_EVENTS, 1);
        return [() => rawMultiRow(pool, calls), () => appendCalls(store, calls)];
      },
      BATCHES * BATCH_EVENTS,
    );
    report('raw multi-row INSERT, 100 rows a statement (baseline, 2nd run)', many.baseline, 'events/s');
    report('appendMany, 100 streams x 1 event a call (SCM batch)', many.subject, 'events/s', many.baseline, many.ratio);

    const single = await compare(
      () => {
        const calls = batchCalls(next(), SINGLES, 1, 1);
        return [() => rawSingleRows(pool, calls), () => appendCalls(store, calls)];
      },
      SINGLES,
    );
    report('raw single-row autocommit INSERT (baseline)', single.baseline, 'events/s');
    report('append, 1 event a call', single.subject, 'events/s', single.baseline, single.ratio);

    const total = Number((await pool.query('SELECT count(*)::int AS n FROM es_event')).rows[0].n);
    const read = await compare(() => [() => rawRead(pool), () => readAll(store)], total);
    report(`raw keyset SELECT, ${READ_PAGE} rows a page, ${total} rows (baseline)`, read.baseline, 'events/s');
    report(`readAll, ${READ_PAGE} events a page, ${total} events`, read.subject, 'events/s', read.baseline, read.ratio);
  } finally {
    await handle.close();
    await database.drop();
    await database.stop();
  }
}

interface Comparison {
  baseline: number;
  subject: number;
  /** Median of subject / baseline over runs made back to back: steadier than a ratio of medians on a busy machine. */
  ratio: number;
}

/** Runs baseline and subject REPEATS times, back to back, with fresh inputs each time. */
async function compare(setup: () => [baseline: () => Promise<void>, subject: () => Promise<void>], count: number): Promise<Comparison> {
  const baseline: number[] = [];
  const subject: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const [b, s] = setup();
    baseline.push(await rate(count, b));
    subject.push(await rate(count, s));
  }
  return { baseline: median(baseline), subject: median(subject), ratio: median(subject.map((s, i) => s / baseline[i]!)) };
}

/** `calls` calls, each appending `eventsPerStream` events to each of `streams` new streams. */
function batchCalls(run: string, calls: number, streams: number, eventsPerStream: number): StreamAppend[][] {
  return Array.from({ length: calls }, (_, c) =>
    Array.from({ length: streams }, (_, s) => ({
      stream: `order-bench.${run}-${c}-${s}`,
      expectedRevision: 'no_stream' as const,
      events: Array.from({ length: eventsPerStream }, (_, n) => orderEvent(n)),
    })),
  );
}

function orderEvent(n: number): NewEvent {
  return {
    id: randomId(),
    type: 'OrderLineRecorded',
    data: { line: n, sku: `SKU-${n % 97}`, category: 'apparel', quantity: 1 + (n % 3), unitPriceMinor: 2_999, discountMinor: 300, currency: 'EUR' },
    metadata: {
      org: 'bench',
      actorId: 'scm',
      role: 'system',
      correlationId: randomId(),
      causationId: randomId(),
      sourceRef: `scm:order:${n}`,
      schemaVersion: 1,
      occurredAt: '2026-11-21T10:00:00.000+01:00',
    },
  };
}

async function appendCalls(store: PostgresEventStore, calls: StreamAppend[][]): Promise<void> {
  for (const call of calls) {
    if (call.length === 1) await store.append(call[0]!.stream, call[0]!.events, { expectedRevision: call[0]!.expectedRevision });
    else await store.appendMany(call);
  }
}

function rawRows(call: StreamAppend[]): unknown[][] {
  return call.flatMap((a) => a.events.map((e, revision) => [e.id, a.stream, revision, e.type, e.data, e.metadata]));
}

async function rawMultiRow(pool: Pool, calls: StreamAppend[][]): Promise<void> {
  for (const call of calls) {
    const rows = rawRows(call);
    const values = rows.map((_, r) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${r * 6 + c}`).join(', ')})`);
    await pool.query(
      `INSERT INTO bench_raw_event (event_id, stream_name, revision, type, data, metadata) VALUES ${values.join(', ')}`,
      rows.flat(),
    );
  }
}

async function rawSingleRows(pool: Pool, calls: StreamAppend[][]): Promise<void> {
  for (const row of calls.flatMap(rawRows)) {
    await pool.query('INSERT INTO bench_raw_event (event_id, stream_name, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)', row);
  }
}

async function readAll(store: PostgresEventStore): Promise<void> {
  let after: Position | null = null;
  for (;;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    if (page.length === 0) return;
    after = page[page.length - 1]!.position;
  }
}

async function rawRead(pool: Pool): Promise<void> {
  let after = '0';
  for (;;) {
    const { rows } = await pool.query<{ position: string }>(
      `SELECT global_position::text AS position, event_id, stream_name, revision, type, data, metadata, recorded_at
       FROM bench_raw_event WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [after, READ_PAGE],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.position;
  }
}
