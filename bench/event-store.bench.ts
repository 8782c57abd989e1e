import type { Pool } from 'pg';
import { createDb, migrateToLatest } from '@ledger/db';
import { PostgresEventStore, type NewEvent, type Position, type StreamAppend } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { benchDatabase, median, rate, report, type Benchmark } from './support';

// `npm run bench -- event-store`: the PostgreSQL event store beside plain INSERT/SELECT of the
// same rows into a plain table (same columns, bigserial primary key, no other index), in the
// same database, with the same pool.
export const benchmarks: Record<string, Benchmark> = { 'event-store': eventStoreBench };

const REPEATS = 7;
const BATCH_EVENTS = 100;
const BATCHES = 50; // per run: 5,000 events
const SINGLES = 500; // per run
const READ_PAGE = 1_000;

async function eventStoreBench(): Promise<void> {
  const database = await benchDatabase();
  const handle = createDb<unknown>(database.url, 4);
  try {
    await migrateToLatest(handle.db);
    await handle.pool.query(rawTable('bench_raw_event', ''));
    await handle.pool.query(rawTable('bench_indexed_event', INDEXED));
    const store = new PostgresEventStore(handle.pool);
    const pool = handle.pool;
    let run = 0;
    const next = () => `r${run++}`;

    // Batched: the acceptance figure is the ratio to the plain multi-row INSERT. The same INSERT
    // into a table with es_event's indexes shows how much of the gap is index upkeep.
    for (const [label, streams, eventsPerStream] of [
      ['append, 100-event batches to 1 stream a call', 1, BATCH_EVENTS],
      ['appendMany, 100 streams x 1 event a call (SCM batch)', BATCH_EVENTS, 1],
    ] as const) {
      const [plain, indexed, subject] = await compare(() => {
        const calls = batchCalls(next(), BATCHES, streams, eventsPerStream);
        return [
          () => rawMultiRow(pool, 'bench_raw_event', calls),
          () => rawMultiRow(pool, 'bench_indexed_event', calls),
          () => appendCalls(store, calls),
        ];
      }, BATCHES * BATCH_EVENTS);
      report('raw multi-row INSERT, 100 rows a statement, plain table (baseline)', plain!.rate, 'events/s');
      report('raw multi-row INSERT, 100 rows a statement, es_event indexes', indexed!.rate, 'events/s', plain!.rate, indexed!.ratio);
      report(label, subject!.rate, 'events/s', plain!.rate, subject!.ratio);
    }

    const [single, singleSubject] = await compare(() => {
      const calls = batchCalls(next(), SINGLES, 1, 1);
      return [() => rawSingleRows(pool, calls), () => appendCalls(store, calls)];
    }, SINGLES);
    report('raw single-row autocommit INSERT, plain table (baseline)', single!.rate, 'events/s');
    report('append, 1 event a call', singleSubject!.rate, 'events/s', single!.rate, singleSubject!.ratio);

    const total = Number((await pool.query('SELECT count(*)::int AS n FROM es_event')).rows[0].n);
    const [read, readSubject] = await compare(() => [() => rawRead(pool), () => readAll(store)], total);
    report(`raw keyset SELECT, ${READ_PAGE} rows a page, ${total} rows (baseline)`, read!.rate, 'events/s');
    report(`readAll, ${READ_PAGE} events a page, ${total} events`, readSubject!.rate, 'events/s', read!.rate, readSubject!.ratio);
  } finally {
    await handle.close();
    await database.drop();
    await database.stop();
  }
}

function rawTable(name: string, constraints: string): string {
  return `CREATE TABLE ${name} (
    global_position bigserial ${constraints ? '' : 'PRIMARY KEY'},
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    event_id uuid NOT NULL, stream_name text NOT NULL, revision bigint NOT NULL,
    type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now() ${constraints})`;
}

const INDEXED = ', PRIMARY KEY (transaction_id, global_position), UNIQUE (event_id), UNIQUE (stream_name, revision)';

interface Measure {
  /** Median rate over the runs. */
  rate: number;
  /** Median of this variant's rate / the first variant's, over runs made back to back. */
  ratio: number;
}

/**
 * Runs each variant REPEATS times, the variants of a run back to back with fresh inputs, so all
 * tables grow alike and the variants of a run see the same machine load; the order rotates from
 * run to run, so that no variant always pays for the one before it (checkpoints, WAL flushes).
 * On a busy machine the paired ratio is steadier than a ratio of medians.
 */
async function compare(setup: () => Array<() => Promise<void>>, count: number): Promise<Measure[]> {
  const rates: number[][] = [];
  for (let i = 0; i < REPEATS; i++) {
    const variants = setup();
    const run: number[] = new Array<number>(variants.length);
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      run[v] = await rate(count, variants[v]!);
    }
    rates.push(run);
  }
  return rates[0]!.map((_, v) => ({
    rate: median(rates.map((r) => r[v]!)),
    ratio: median(rates.map((r) => r[v]! / r[0]!)),
  }));
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

async function rawMultiRow(pool: Pool, table: string, calls: StreamAppend[][]): Promise<void> {
  for (const call of calls) {
    const rows = rawRows(call);
    const values = rows.map((_, r) => `(${[1, 2, 3, 4, 5, 6].map((c) => `$${r * 6 + c}`).join(', ')})`);
    await pool.query(
      `INSERT INTO ${table} (event_id, stream_name, revision, type, data, metadata) VALUES ${values.join(', ')}`,
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
