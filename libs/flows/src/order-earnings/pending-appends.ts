// What a batch will append, per stream, flushed with one appendMany (atomic on PostgreSQL).
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, Position } from '@ledger/event-store';
import { assert } from '@ledger/kernel';

interface Pending {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
  /** Order streams go last in the call; see flush. */
  last: boolean;
}

export class PendingAppends {
  private readonly pending = new Map<string, Pending>();
  private count = 0;

  /** Queues events for a stream; the expected revision of its first queuing holds for the call. */
  add(stream: string, expectedRevision: ExpectedRevision, events: readonly NewEvent[], options: { last?: boolean } = {}): void {
    if (events.length === 0) return;
    const entry = this.pending.get(stream) ?? { stream, expectedRevision, events: [], last: options.last ?? false };
    entry.events.push(...events);
    this.pending.set(stream, entry);
    this.count += events.length;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Takes everything queued, emptying the queue, as a chunk to flush (see flushChunk). The order
   * streams (which carry the decisions) come last in it: on a store that cannot append to several
   * streams atomically, a decision is then only ever stored after the earnings it names.
   */
  detach(): PendingChunk {
    const entries = [...this.pending.values()].sort((a, b) => Number(a.last) - Number(b.last));
    this.pending.clear();
    this.count = 0;
    return { entries };
  }

  /** Appends everything queued in one call and empties the queue (detach, then flushChunk). */
  async flush(store: EventStore): Promise<{ revisions: Map<string, bigint>; position: Position | null }> {
    return flushChunk(store, this.detach());
  }
}

/** Queued appends taken out of the queue, in the order they go to the store. */
export interface PendingChunk {
  readonly entries: readonly Pending[];
}

/**
 * Per stream of the chunk, the revision it will have once the chunk is stored as decided: what
 * later appends to the same stream expect while the chunk is still in flight. Should the store
 * answer otherwise (events of it stored already), those later appends fail their expected
 * revision, nothing of their call is written, and the caller reloads.
 */
export function predictedRevisions(chunk: PendingChunk): Map<string, bigint> {
  return new Map(
    chunk.entries.map(({ stream, expectedRevision, events }) => {
      assert(typeof expectedRevision === 'bigint' || expectedRevision === 'no_stream', `the process manager appends at a known revision (${stream})`);
      const before = expectedRevision === 'no_stream' ? -1n : expectedRevision;
      return [stream, before + BigInt(events.length)] as const;
    }),
  );
}

/**
 * Appends a chunk in one appendMany (atomic on PostgreSQL). Returns, per stream, the revision
 * after the append, and the position of the last event.
 */
export async function flushChunk(store: EventStore, chunk: PendingChunk): Promise<{ revisions: Map<string, bigint>; position: Position | null }> {
  const { entries } = chunk;
  if (entries.length === 0) return { revisions: new Map(), position: null };
  const results: AppendResult[] = await store.appendMany(entries.map(({ stream, expectedRevision, events }) => ({ stream, expectedRevision, events })));
  assert(results.length === entries.length, 'appendMany answers once per stream');
  const revisions = new Map(entries.map((e, i) => [e.stream, results[i]!.nextExpectedRevision] as const));
  return { revisions, position: results.at(-1)!.position };
}
