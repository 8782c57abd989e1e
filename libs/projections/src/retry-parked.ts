import type { Kysely } from 'kysely';
import type { EventStore, Position, RecordedEvent } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { compareAndSetCheckpoint } from './checkpoint';
import { inSavepoint } from './isolated-batch';
import { markBlocked, markFailedAgain, markResolved, promoteBlocked, rowsToRetry, type ParkedEvent } from './parking';
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

/** The rows grouped per stream, streams in the order of their oldest row, rows in stream order. */
function byStream(rows: readonly ParkedEvent[]): Map<string, ParkedEvent[]> {
  const streams = new Map<string, ParkedEvent[]>();
  for (const row of rows) {
    const list = streams.get(row.stream) ?? [];
    list.push(row);
    streams.set(row.stream, list);
  }
  return streams;
}

/** The parked events of one stream, read from the store by revision (one read from the oldest), by id. */
async function loadParkedEvents(eventStore: EventStore, stream: string, rows: readonly ParkedEvent[]): Promise<Map<string, RecordedEvent>> {
  const revisions = rows.map((r) => r.revision).filter((r): r is bigint => r !== null);
  if (revisions.length === 0) return new Map();
  const from = revisions.reduce((a, b) => (b < a ? b : a));
  const to = revisions.reduce((a, b) => (b > a ? b : a));
  const events = await eventStore.readStream(stream, { fromRevision: from, maxCount: Math.min(Number(to - from) + 1, LIMITS.eventStore.streamReadMaxEvents) });
  const wanted = new Set(rows.map((r) => r.eventId));
  return new Map(events.filter((e) => wanted.has(e.id)).map((e) => [e.id, e]));
}
