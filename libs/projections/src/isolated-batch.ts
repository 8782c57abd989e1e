import { sql, type Kysely, type Transaction } from 'kysely';
import type { Position, RecordedEvent } from '@ledger/event-store';
import { compareAndSetCheckpoint } from './checkpoint';
import { isTransientError, park, parkEntryOf, type ParkEntry } from './parking';
import type { Projection } from './projection';

// The slow path of a batch, taken only when the whole batch failed (or some of its streams are
// blocked): the same one transaction with the checkpoint, but the events go in savepoints, so a
// poison event is parked and every other event still applies. Transient errors are not the
// event's fault: they escape, the transaction rolls back whole and the loop retries it.

/**
 * Moves the checkpoint to `next` and applies `events` around the ones that fail: each failing
 * event is parked (kind failed), and every later event of its stream, or of a stream in
 * `blocked`, is parked behind it (kind blocked), so a fact's events never apply out of order.
 * Bisects: a failing run is split in halves until the failing events stand alone, so a batch of
 * n with f poison events costs about f·log2(n) savepoints, not n.
 * Returns what was parked.
 */
export async function commitIsolated(
  db: Kysely<any>,
  projection: Projection,
  expected: Position | null,
  next: Position,
  events: readonly RecordedEvent[],
  blocked: ReadonlySet<string>,
): Promise<ParkEntry[]> {
  return db.transaction().execute(async (trx) => {
    await compareAndSetCheckpoint(trx, projection.name, expected, next, events.length);
    const parked = await applyAround(trx, projection, events, blocked);
    await park(trx, parked);
    return parked;
  });
}

/** Applies what it can of `events` in `trx`; returns the entries to park (not yet written). */
export async function applyAround(trx: Transaction<any>, projection: Projection, events: readonly RecordedEvent[], blocked: ReadonlySet<string>): Promise<ParkEntry[]> {
  const held = new Set(blocked);
  const parked: ParkEntry[] = [];
  const run = async (range: readonly RecordedEvent[]): Promise<void> => {
    const free: RecordedEvent[] = [];
    for (const event of range) {
      if (held.has(event.stream)) parked.push(parkEntryOf(projection.name, event, 'blocked', blockedError(event.stream)));
      else free.push(event);
    }
    if (free.length === 0) return;
    const error = await inSavepoint(trx, () => projection.apply(trx, free));
    if (error === null) return;
    if (free.length === 1) {
      parked.push(parkEntryOf(projection.name, free[0]!, 'failed', error));
      held.add(free[0]!.stream);
      return;
    }
    const half = Math.ceil(free.length / 2);
    await run(free.slice(0, half));
    await run(free.slice(half));
  };
  await run(events);
  return parked;
}

/**
 * Runs `work` in a savepoint: null when it went through; its error when it failed and was rolled
 * back to the savepoint (the transaction goes on). A transient error is rethrown.
 */
export async function inSavepoint(trx: Transaction<any>, work: () => Promise<unknown>): Promise<unknown> {
  await sql`savepoint parked_event_isolation`.execute(trx);
  try {
    await work();
  } catch (error) {
    if (isTransientError(error)) throw error;
    await sql`rollback to savepoint parked_event_isolation`.execute(trx);
    await sql`release savepoint parked_event_isolation`.execute(trx);
    return error;
  }
  await sql`release savepoint parked_event_isolation`.execute(trx);
  return null;
}

function blockedError(stream: string): Error {
  const error = new Error(`waits behind an earlier parked event of ${stream}`);
  (error as Error & { code: string }).code = 'PARKED.BLOCKED';
  return error;
}
