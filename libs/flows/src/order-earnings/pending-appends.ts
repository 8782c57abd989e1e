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
   * Appends everything queued in one call and empties the queue. The order streams (which carry
   * the decisions) come last: on a store that cannot append to several streams atomically, a
   * decision is then only ever stored after the earnings it names.
   * Returns, per stream, the revision after the append, and the position of the last event.
   */
  async flush(store: EventStore): Promise<{ revisions: Map<string, bigint>; position: Position | null }> {
    const entries = [...this.pending.values()].sort((a, b) => Number(a.last) - Number(b.last));
    this.pending.clear();
    this.count = 0;
    if (entries.length === 0) return { revisions: new Map(), position: null };
    const results: AppendResult[] = await store.appendMany(entries.map(({ stream, expectedRevision, events }) => ({ stream, expectedRevision, events })));
    assert(results.length === entries.length, 'appendMany answers once per stream');
    const revisions = new Map(entries.map((e, i) => [e.stream, results[i]!.nextExpectedRevision] as const));
    return { revisions, position: results.at(-1)!.position };
  }
}
