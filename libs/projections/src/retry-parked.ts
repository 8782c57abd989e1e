import type { Kysely } from 'kysely';
import type { EventStore, Position } from '@ledger/event-store';
import { compareAndSetCheckpoint } from './checkpoint';
import { inSavepoint } from './isolated-batch';
import { byStream, loadParkedEvents, markBlocked, markFailedAgain, markResolved, promoteBlocked, rowsToRetry } from './parking';
import type { Projection } from './projection';

export interface RetryOutcome {
  resolved: number;
  failedAgain: number;
}

/**
 * An operator asked to retry parked events of this projection: re-apply them stream by stream,
 * in stream order, each stream in one short transaction. A row that goes through is resolved; the
 * first that fails again is parked with attempts + 1 and the rest of its stream waits behind it.
 * The checkpoint does not move (these events are behind it), but its compare-and-set runs first
 * all the same: it serialises us with any other writer of this projection, as a batch does.
 */
export async function retryParked(
  settings: { db: Kysely<any>; eventStore: EventStore },
  projection: Projection,
  persisted: Position | null,
): Promise<RetryOutcome> {
  const { db, eventStore } = settings;
  const outcome: RetryOutcome = { resolved: 0, failedAgain: 0 };
  const rows = await rowsToRetry(db, projection.name);
  for (const [stream, ofStream] of byStream(rows)) {
    const events = await loadParkedEvents(eventStore, stream, ofStream);
    await db.transaction().execute(async (trx) => {
      if (persisted) await compareAndSetCheckpoint(trx, projection.name, persisted, persisted, 0);
      const resolved: string[] = [];
      for (const [i, row] of ofStream.entries()) {
        const rest = ofStream.slice(i + 1).map((r) => r.id);
        if (row.status !== 'retry_requested' && row.kind !== 'blocked') {
          await markBlocked(trx, rest); // parked and nobody asked: it stays, and what follows waits behind it
          break;
        }
        const event = events.get(row.eventId);
        const error = event ? await inSavepoint(trx, () => projection.apply(trx, [event])) : new Error(`event ${row.eventId} is not in ${stream} at revision ${row.revision}`);
        if (error !== null) {
          await markFailedAgain(trx, row.id, error);
          await markBlocked(trx, rest);
          outcome.failedAgain += 1;
          break;
        }
        resolved.push(row.id);
        if (rest.length === 0) await promoteBlocked(trx, projection.name, stream);
      }
      await markResolved(trx, resolved);
      outcome.resolved += resolved.length;
    });
  }
  return outcome;
}
