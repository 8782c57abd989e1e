import { sql, type Kysely } from 'kysely';
import { comparePositions, type EventStore, type Position } from '@ledger/event-store';
import { assertAscendingAfter } from './batch';
import type { Projection } from './projection';

export interface ReplayResult {
  /** Everything the projection reads up to here is applied (null: nothing to replay). */
  position: Position | null;
  eventsApplied: number;
}

/**
 * Replays every event the projection reads, from the start of $all up to and including
 * `upTo`, into the tables of `schema`: each batch is its own short transaction with
 * `search_path` set to `schema, public`, so the projection's own code writes there.
 * Bounded: positions only grow, and reading stops at `upTo`.
 */
export async function replayInto(
  settings: { db: Kysely<any>; eventStore: EventStore; batchEvents: number },
  projection: Projection,
  schema: string,
  upTo: Position | null,
): Promise<ReplayResult> {
  const { db, eventStore, batchEvents } = settings;
  if (!upTo) return { position: null, eventsApplied: 0 };
  let after: Position | null = null;
  let eventsApplied = 0;
  for (;;) {
    const read = await eventStore.readAll({ after, maxCount: batchEvents, filter: projection.filter });
    assertAscendingAfter(after, read);
    const events = read.filter((event) => comparePositions(event.position, upTo) <= 0);
    if (events.length > 0) {
      await db.transaction().execute(async (trx) => {
        await sql`set local search_path to ${sql.id(schema)}, public`.execute(trx);
        await projection.apply(trx, events);
      });
      eventsApplied += events.length;
      after = events[events.length - 1]!.position;
    }
    const reachedEnd = read.length < batchEvents || events.length < read.length;
    if (reachedEnd) return { position: upTo, eventsApplied };
  }
}
