// Test support for the collaboration read models (as programs'): a fresh migrated database, the real PostgreSQL event store,
// events produced by the real deciders, the real projection runner — and a replay that applies every
// event again, to prove a read model replay-safe. Test-only.
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { DomainEvent } from '@ledger/contracts';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, type EventStore, type Position } from '@ledger/event-store';
import { evolveAll, randomId, type Decider } from '@ledger/kernel';
import { ProjectionRunner, verifyProjection, type Projection, type ProjectionLogger } from '@ledger/projections';

export const ORG = 'acme';

const silent: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface ReadModelFixture {
  db: Kysely<any>;
  eventStore: EventStore;
  /** Appends to `stream` on behalf of ORG. */
  append(stream: string, events: readonly DomainEvent[]): Promise<void>;
  /** Runs the projection with the real runner, in small batches, until it has every event appended here. */
  project(projection: Projection): Promise<void>;
  /** Applies every event of the projection again: all at once, then in overlapping halves. */
  replay(projection: Projection): Promise<void>;
  /** Every row of `table`, in a stable order, as JSON-comparable values. */
  rows(table: string): Promise<Array<Record<string, unknown>>>;
  /** Rebuilds beside the live tables and compares checksums (the auditors' verify). */
  verify(projection: Projection): Promise<boolean>;
  close(): Promise<void>;
}

export async function createReadModelFixture(): Promise<ReadModelFixture> {
  const database: TestDatabase = await createTestDatabase('ledger_collab');
  const { pool, db }: { pool: Pool; db: Kysely<any> } = createDb<any>(database.url);
  await migrateToLatest(db);
  const eventStore = new PostgresEventStore(pool);
  // Events become visible to $all readers only once every older transaction of the server has ended
  // (ARCHITECTURE rule 4), so "caught up" means: past the last position appended here, not the head now.
  let lastAppended: Position | null = null;
  const everyEventOf = (projection: Projection) => eventStore.readAll({ after: null, maxCount: 10_000, ...(projection.filter ? { filter: projection.filter } : {}) });

  return {
    db,
    eventStore,
    async append(stream, events) {
      const metadata = { org: ORG, actorId: 'tester', correlationId: randomId(), schemaVersion: 1, occurredAt: '2026-03-01T10:00:00.000Z' };
      const result = await eventStore.append(stream, events.map((e) => ({ id: randomId(), type: e.type, data: e.data as unknown as Record<string, unknown>, metadata })), { expectedRevision: 'any' });
      lastAppended = result.position;
    },
    async project(projection) {
      const runner = new ProjectionRunner({ db, pool, eventStore, projections: [projection], logger: silent, batchEvents: 2, idlePollMs: 10 });
      await runner.start();
      try {
        if (lastAppended && !(await runner.waitFor(lastAppended, 10_000))) throw new Error(`${projection.name} did not reach the last appended event`);
      } finally {
        await runner.stop();
      }
    },
    async replay(projection) {
      const events = await everyEventOf(projection);
      const half = Math.ceil(events.length / 2);
      await db.transaction().execute((trx) => projection.apply(trx, events));
      await db.transaction().execute((trx) => projection.apply(trx, events.slice(0, half + 1)));
      await db.transaction().execute((trx) => projection.apply(trx, events.slice(half - 1)));
    },
    async rows(table) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2, 3`.execute(db);
      return JSON.parse(JSON.stringify(rows)) as Array<Record<string, unknown>>;
    },
    async verify(projection) {
      const report = await verifyProjection({ db, pool, eventStore, logger: silent }, projection);
      return report.equal;
    },
    async close() {
      await eventStore.close();
      await db.destroy();
      await database.drop();
    },
  };
}

/** The events a decider decides for `commands`, one after the other, each against the state so far. */
export function decided<C, E extends DomainEvent, S>(decider: Decider<C, E, S, DomainEvent>, commands: readonly C[], given: readonly DomainEvent[] = []): E[] {
  const events: E[] = [];
  for (const command of commands) events.push(...decider.decide(command, evolveAll(decider, [...given, ...events])));
  return events;
}
