import type { Kysely } from 'kysely';
import { assert } from '@ledger/kernel';
import { comparePositions, type Position, type RecordedEvent } from '@ledger/event-store';
import { compareAndSetCheckpoint } from './checkpoint';
import type { Projection } from './projection';

/**
 * Where the checkpoint goes after applying `events`, read with `after: from` and a limit of
 * `batchEvents`, where `head` was the store head observed BEFORE the read.
 * A short read (fewer than the limit) returned every matching event up to `head` (the head
 * was already visible when the read started, and visibility only grows), so the checkpoint
 * may jump to `head` even when the filter matched nothing: a filtered projection then never
 * re-reads the events it skipped, and `checkpoint >= p` means "everything up to p is in".
 * Null: nothing to record.
 */
export function nextCheckpoint(
  from: Position | null,
  head: Position | null,
  events: readonly RecordedEvent[],
  batchEvents: number,
): Position | null {
  assertAscendingAfter(from, events);
  let next = events.length > 0 ? events[events.length - 1]!.position : from;
  const short = events.length < batchEvents;
  if (short && head && (!next || comparePositions(head, next) > 0)) next = head;
  if (!next || (from && comparePositions(next, from) <= 0)) return null;
  return next;
}

/**
 * Applies one batch and moves the checkpoint in ONE transaction: either both happen or
 * neither, so a crash anywhere replays the whole batch and never half of it. The
 * compare-and-set runs first (see compareAndSetCheckpoint); on conflict nothing is applied.
 */
export async function commitBatch(
  db: Kysely<any>,
  projection: Projection,
  expected: Position | null,
  next: Position,
  events: readonly RecordedEvent[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await compareAndSetCheckpoint(trx, projection.name, expected, next, events.length);
    if (events.length > 0) await projection.apply(trx, [...events]);
  });
}

/** Pair assertion on the adapter's contract: strictly after `from`, strictly ascending. */
export function assertAscendingAfter(from: Position | null, events: readonly RecordedEvent[]): void {
  let previous = from;
  for (const event of events) {
    assert(!previous || comparePositions(event.position, previous) > 0, `readAll returned ${event.id} out of order`);
    previous = event.position;
  }
}
