import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, streamName, type AppendResult, type EventStore, type NewEvent, type Position } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';
import type { ProjectionLogger } from '../logger';
import type { Projection } from '../projection';

// Test support for the projection runtime: a fresh migrated database per test file, the real
// PostgreSQL event store, and a counting projection that exposes any double application.

export interface Fixture {
  database: TestDatabase;
  pool: Pool;
  db: Kysely<any>;
  eventStore: EventStore;
  close(): Promise<void>;
}

export async function createFixture(): Promise<Fixture> {
  const database = await createTestDatabase('ledger_projections');
  const { pool, db } = createDb<any>(database.url);
  await migrateToLatest(db);
  const eventStore = new PostgresEventStore(pool);
  return {
    database,
    pool,
    db,
    eventStore,
    close: async () => {
      await eventStore.close();
      await db.destroy();
      await database.drop();
    },
  };
}

export const silentLogger: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Collects error logs, to assert a failing projection is reported and retried. */
export function recordingLogger(): ProjectionLogger & { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  return { errors, warnings, info: () => undefined, warn: (_f, m) => warnings.push(m), error: (_f, m) => errors.push(m) };
}

/** `count` events, round-robin over `streams` streams of `category`, one append per event. */
export async function appendEvents(
  eventStore: EventStore,
  options: { count: number; streams?: number; category?: string; type?: string; tag?: string },
): Promise<AppendResult[]> {
  const results: AppendResult[] = [];
  const streams = options.streams ?? 5;
  for (let i = 0; i < options.count; i++) {
    const stream = streamName(options.category ?? 'order', 'acme', `s${i % streams}`);
    results.push(await eventStore.append(stream, [testEvent(options.type ?? 'OrderRecorded', `${options.tag ?? 't'}-${i}`)], { expectedRevision: 'any' }));
  }
  return results;
}

export function testEvent(type: string, ref: string): NewEvent {
  return {
    id: deterministicId('acme', 'test', ref, type),
    type,
    data: { ref },
    metadata: {
      org: 'acme',
      actorId: 'test',
      correlationId: ref,
      schemaVersion: 1,
      occurredAt: '2026-01-01T00:00:00Z',
    },
  };
}

export interface CountingOptions {
  name?: string;
  filter?: Projection['filter'];
  /** DB-side delay per event, to stretch a batch (pg_sleep: not domain time). */
  sleepPerEventMs?: number;
  /** Throws after writing the rows of the batch when this returns true (atomicity tests): a transient error (08006, connection failure), so it is retried, not parked. */
  failWhen?: () => boolean;
  /** Awaited at the start of apply, inside the batch transaction (after its checkpoint compare-and-set): holds a batch open. */
  beforeApply?: () => Promise<void>;
}

/** Table for countingProjection; created per test (rebuild clones it like any read model). */
export async function createCountingTable(db: Kysely<any>, table = 'test_applied'): Promise<void> {
  await sql`create table ${sql.id(table)} (
    event_id uuid primary key,
    stream text not null,
    applied int not null default 1
  )`.execute(db);
}

/**
 * Records each event once; applying it again bumps `applied`, so `applied > 1` anywhere
 * proves a double application (the runtime must make that impossible).
 */
export function countingProjection(options: CountingOptions = {}): Projection {
  const table = `${options.name ?? 'test_applied'}`;
  return {
    name: options.name ?? 'test_applied',
    tables: [table],
    filter: options.filter,
    async apply(trx, events) {
      await options.beforeApply?.();
      for (const event of events) {
        if (options.sleepPerEventMs) await sql`select pg_sleep(${options.sleepPerEventMs / 1000})`.execute(trx);
        await sql`insert into ${sql.id(table)} (event_id, stream) values (${event.id}, ${event.stream})
                  on conflict (event_id) do update set applied = ${sql.id(table)}.applied + 1`.execute(trx);
      }
      if (options.failWhen?.()) throw Object.assign(new Error('injected connection failure after writing the batch'), { code: '08006' });
    },
  };
}

export async function appliedCounts(db: Kysely<any>, table = 'test_applied'): Promise<{ rows: number; maxApplied: number }> {
  const { rows } = await sql<{ rows: string; max_applied: number | null }>`
    select count(*)::text as rows, max(applied) as max_applied from ${sql.id(table)}`.execute(db);
  return { rows: Number(rows[0]!.rows), maxApplied: rows[0]!.max_applied ?? 0 };
}

/** Polls `check` until true or `timeoutMs` passes (async projections; never drives domain time). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 25): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadlineMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Bound for anything that waits on $all under load. readAll only shows events below the
 * cluster-wide xmin, so open transactions of OTHER databases (parallel test files) delay
 * what it sees: an appended event is not visible at once, and headPosition() read right
 * after an append may still be older than it.
 */
export const SETTLE_MS = 45_000;

/** Waits until `position` is visible to readAll (the head has reached it). */
export async function untilVisible(eventStore: EventStore, position: Position, timeoutMs = SETTLE_MS): Promise<void> {
  await eventually(async () => {
    const head = await eventStore.headPosition();
    return !!head && comparePositions(head, position) >= 0;
  }, timeoutMs);
}

/** The position of the last of `appended` (what a test waits for, never a head read after the append). */
export function lastPosition(appended: readonly AppendResult[]): Position {
  return appended[appended.length - 1]!.position;
}
