// Group commit for touch appends: while one append is in flight, the touches that arrive queue up
// and go out together as one appendMany (one round trip, one durable commit) when it returns.
import type { AppendResult, EventStore, NewEvent } from '@ledger/event-store';
import { Unavailable } from '@ledger/kernel';

interface Pending {
  stream: string;
  event: NewEvent;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Touches in one appendMany at most. */
const MAX_BATCH = 200;
/** Touches waiting at most; beyond, checkout answers 503 rather than queueing without bound. */
const MAX_QUEUED = 10_000;

/**
 * Each touch is appended with expected revision `any`, exactly as a single append would: a batch
 * holds at most one touch per stream (a second touch of the same customer waits for the next
 * batch), so each caller gets its own event's position. appendMany is atomic: should it fail (one
 * touch's id stored with other content, the store down), every touch of that batch is appended on
 * its own and gets its own answer or error, as without batching. An idle batcher sends the first
 * touch at once: no added latency, batching happens only under concurrency.
 */
export class TouchAppendBatcher {
  private queue: Pending[] = [];
  private draining = false;

  constructor(private readonly store: EventStore) {}

  append(stream: string, event: NewEvent): Promise<AppendResult> {
    if (this.queue.length >= MAX_QUEUED) return Promise.reject(new Unavailable('CHECKOUT.TOUCH_QUEUE_FULL', `more than ${MAX_QUEUED} touches wait to be appended`));
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, event, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.send(this.take());
    } finally {
      this.draining = false;
    }
  }

  /** Up to MAX_BATCH queued touches, at most one per stream, in arrival order. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const streams = new Set<string>();
    for (const pending of this.queue) {
      if (batch.length < MAX_BATCH && !streams.has(pending.stream)) {
        streams.add(pending.stream);
        batch.push(pending);
      } else rest.push(pending);
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      let results: AppendResult[] | null = null;
      try {
        results = await this.store.appendMany(batch.map((p) => ({ stream: p.stream, expectedRevision: 'any' as const, events: [p.event] })));
      } catch {
        results = null; // one by one below: each touch gets the answer it would have had alone
      }
      if (results !== null && results.length === batch.length) {
        batch.forEach((p, i) => p.resolve(results[i]!));
        return;
      }
    }
    await Promise.all(batch.map((p) => this.store.append(p.stream, [p.event], { expectedRevision: 'any' }).then(p.resolve, p.reject)));
  }
}
