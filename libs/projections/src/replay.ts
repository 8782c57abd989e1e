import { sql, type Kysely } from 'kysely';
import { comparePositions, type EventStore, type Position } from '@ledger/event-store';
import { assertAscendingAfter } from './batch';
import { hasUnapplied, unappliedEventIds } from './parking';
import type { Projection } from './projection';

/** Where a replay stands, after each batch (for progress reports). */
export interface ReplayProgress {
  projection: string;
  position: Position;
  eventsApplied: number;
}

export interface ReplayBounds {
  /** Aborts between batches (a cancelled verify, a CLI's Ctrl-C): the replay throws and the caller drops its scratch tables. */
  signal?: AbortSignal;
  /** Refuses to replay more events than this (ReplayTooLarge): an HTTP verify stays bounded. */
  maxEvents?: number;
  onProgress?: (progress: ReplayProgress) => void;
}

export class ReplayTooLarge extends Error {
  readonly code = 'PROJECTIONS.REPLAY_TOO_LARGE';
  constructor(projection: string, maxEvents: number) {
    super(`projection ${projection}: more than ${maxEvents} events to replay; run it from the CLI (npm run cli -- projections verify ${projection})`);
    this.name = 'ReplayTooLarge';
  }
}

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
 * Events the live projection has parked or skipped are left out, as the live tables lack them
 * (ADR 0010): verify compares like with like, and a rebuild does not stop on a poison event.
 */
export async function replayInto(
  settings: { db: Kysely<any>; eventStore: EventStore; batchEvents: number } & ReplayBounds,
  projection: Projection,
  schema: string,
  upTo: Position | null,
): Promise<ReplayResult> {
  const { db, eventStore, batchEvents } = settings;
  if (!upTo) return { position: null, eventsApplied: 0 };
  let after: Position | null = null;
  let eventsApplied = 0;
  const anyParked = await hasUnapplied(db, projection.name);
  for (;;) {
    settings.signal?.throwIfAborted();
    const read = await eventStore.readAll({ after, maxCount: batchEvents, filter: projection.filter });
    assertAscendingAfter(after, read);
    const upToEnd = read.filter((event) => comparePositions(event.position, upTo) <= 0);
    const left = anyParked ? await unappliedEventIds(db, projection.name, upToEnd.map((e) => e.id)) : new Set<string>();
    const events = upToEnd.filter((event) => !left.has(event.id));
    if (events.length > 0) {
      await db.transaction().execute(async (trx) => {
        await sql`set local search_path to ${sql.id(schema)}, public`.execute(trx);
        await projection.apply(trx, events);
      });
      eventsApplied += events.length;
      if (settings.maxEvents !== undefined && eventsApplied > settings.maxEvents) throw new ReplayTooLarge(projection.name, settings.maxEvents);
    }
    if (upToEnd.length > 0) after = upToEnd[upToEnd.length - 1]!.position;
    if (after && settings.onProgress) settings.onProgress({ projection: projection.name, position: after, eventsApplied });
    const reachedEnd = read.length < batchEvents || upToEnd.length < read.length;
    if (reachedEnd) return { position: upTo, eventsApplied };
  }
}
