// The checkout's write path (ADR 0016): code/apply and share-link clicks answer from the catalog and
// leave their touch here; touches are group-appended within a flush window, never on the request's time.
import { setTimeout as delay } from 'node:timers/promises';
import { Gauge } from 'prom-client';
import type { OnApplicationShutdown } from '@nestjs/common';
import { DuplicateEventIdMismatch, type EventStore, type NewEvent, type StreamAppend } from '@ledger/event-store';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import type { Logger, Metrics } from '@ledger/runtime';

export interface TouchEmitterSettings {
  /** A touch waits at most this long before its batch is appended (store healthy). */
  flushWindowMs: number;
  /** A batch this full is appended at once. */
  maxBatchTouches: number;
  /** Queued + in flight at most; beyond, a touch is dropped and counted. */
  maxQueuedTouches: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export const DEFAULT_TOUCH_EMITTER_SETTINGS: TouchEmitterSettings = {
  flushWindowMs: LIMITS.checkout.touchFlushWindowMs,
  maxBatchTouches: LIMITS.checkout.touchFlushMaxBatch,
  maxQueuedTouches: LIMITS.checkout.touchQueueMaxTouches,
  retryBaseMs: LIMITS.checkout.touchFlushRetryBaseMs,
  retryMaxMs: LIMITS.checkout.touchFlushRetryMaxMs,
};

export type TouchDropReason = 'queue_full' | 'duplicate_id' | 'rejected' | 'shutdown';

interface QueuedTouch {
  stream: string;
  event: NewEvent;
  queuedAtMs: number;
}

/** Drops are logged at most this often (with the count since the last line): a full queue must not flood the log. */
const DROP_LOG_EVERY_MS = 1_000;

/**
 * One per process. `emit` never waits and never throws for the store's sake: it queues the touch
 * (or drops and counts it when the queue is at its bound). One batch is in flight at a time; the
 * next goes when the oldest waiting touch has waited a window, or at once when a batch is full.
 * A failed batch goes back to the head of the queue and is retried after a doubling, capped delay.
 *
 * Retries never double-append: every touch carries its event id from the moment it is emitted
 * (random, or deterministic per cart), and the store stores an id once (an append of a stored id
 * with the same content is a no-op). So a batch whose commit succeeded but whose answer was lost is
 * simply sent again. A touch whose id is stored with other content (a retried checkout of the same
 * cart with a later business time) is dropped as `duplicate_id`: the first recording stands.
 */
export class TouchEmitter implements OnApplicationShutdown {
  private queue: QueuedTouch[] = [];
  private inFlight = 0;
  private sending: Promise<boolean> | null = null;
  private windowTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private droppedSinceLog = 0;
  private lastDropLogMs = 0;
  private readonly flushed: { inc(n: number): void };
  private readonly dropped: { inc(labels: { reason: TouchDropReason }, n: number): void };
  private readonly failedFlushes: { inc(): void };
  private readonly log: Logger;

  constructor(
    private readonly store: EventStore,
    private readonly settings: TouchEmitterSettings,
    metrics: Metrics,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'touch-emitter' });
    const unflushedName = 'ledger_checkout_touches_unflushed';
    if (metrics.registry.getSingleMetric(unflushedName) === undefined) {
      const unflushed = () => this.unflushed();
      new Gauge({
        name: unflushedName,
        help: 'Touches accepted by checkout and not yet durable (queued + in flight): what a crash now would lose',
        registers: [metrics.registry],
        collect() {
          this.set(unflushed());
        },
      });
    }
    this.flushed = metrics.counter('ledger_checkout_touches_flushed_total', 'Touches group-appended durably by the touch emitter');
    this.dropped = metrics.counter('ledger_checkout_touches_dropped_total', 'Touches not stored, by reason (queue_full | duplicate_id | rejected | shutdown)', ['reason']);
    this.failedFlushes = metrics.counter('ledger_checkout_touch_flush_failures_total', 'Group appends of touches that failed and were retried');
  }

  /** Queues one touch; false when it was dropped because the queue is at its bound. */
  emit(stream: string, event: NewEvent): boolean {
    if (this.unflushed() >= this.settings.maxQueuedTouches) {
      this.drop('queue_full', 1);
      return false;
    }
    this.queue.push({ stream, event, queuedAtMs: Date.now() });
    this.kick();
    return true;
  }

  /** Touches accepted and not yet durable. */
  unflushed(): number {
    return this.queue.length + this.inFlight;
  }

  /**
   * Appends everything queued now, retrying failures until `timeoutMs` has passed; resolves with the
   * number of touches still unflushed (0 when all are durable). For shutdown and tests.
   */
  async flush(timeoutMs: number = LIMITS.http.shutdownGraceMs / 2): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    this.clearWindowTimer();
    while (this.unflushed() > 0 && Date.now() < deadline) {
      if (this.sending !== null) {
        await this.sending;
        continue;
      }
      if (this.retryTimer !== null) {
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
      }
      if (!(await this.startBatch())) await delay(Math.min(this.backoffMs(), Math.max(0, deadline - Date.now())));
    }
    return this.unflushed();
  }

  /** Nest calls this after the HTTP server stopped taking requests: whatever is queued is appended before the store closes. */
  async onApplicationShutdown(): Promise<void> {
    const left = await this.flush();
    if (left > 0) {
      this.log.error('shutdown: touches could not be stored and are lost', { touches: left });
      this.drop('shutdown', left);
      this.queue = [];
    }
  }

  private kick(): void {
    if (this.sending !== null || this.retryTimer !== null || this.queue.length === 0) return;
    const waitedMs = Date.now() - this.queue[0]!.queuedAtMs;
    if (this.queue.length >= this.settings.maxBatchTouches || waitedMs >= this.settings.flushWindowMs) {
      this.clearWindowTimer();
      void this.startBatch();
    } else if (this.windowTimer === null) {
      this.windowTimer = setTimeout(() => {
        this.windowTimer = null;
        if (this.sending === null && this.retryTimer === null && this.queue.length > 0) void this.startBatch();
      }, this.settings.flushWindowMs - waitedMs);
    }
  }

  private startBatch(): Promise<boolean> {
    const batch = this.queue.splice(0, this.settings.maxBatchTouches);
    this.inFlight = batch.length;
    const sending = this.send(batch).finally(() => {
      this.inFlight = 0;
      this.sending = null;
      this.kick();
    });
    this.sending = sending;
    return sending;
  }

  private async send(batch: QueuedTouch[]): Promise<boolean> {
    try {
      const stored = await this.appendSkippingSuperseded(batch);
      this.flushed.inc(stored);
      if (this.failures > 0) this.log.info('touches are being stored again', { failedFlushes: this.failures });
      this.failures = 0;
      return true;
    } catch (error) {
      if (error instanceof ValidationFailed) {
        // The store refuses the batch itself (never expected: streams and ids are checked at emit): retrying cannot help.
        this.log.error('touch batch refused by the event store: dropped', { err: error, touches: batch.length });
        this.drop('rejected', batch.length);
        return true;
      }
      this.queue.unshift(...batch);
      this.failures += 1;
      this.failedFlushes.inc();
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.log.warn('touch flush failed: retrying with backoff; checkout keeps answering', { err: error, failures: this.failures, unflushed: this.unflushed() });
      }
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.kick();
      }, this.backoffMs());
      return false;
    }
  }

  /** One appendMany; a touch whose id is stored with other content is taken out and the rest sent again. */
  private async appendSkippingSuperseded(batch: QueuedTouch[]): Promise<number> {
    let touches = batch;
    for (;;) {
      if (touches.length === 0) return 0;
      try {
        await this.store.appendMany(groupByStream(touches));
        return touches.length;
      } catch (error) {
        if (!(error instanceof DuplicateEventIdMismatch)) throw error;
        const before = touches.length;
        touches = withoutSuperseded(touches, error.eventId);
        if (touches.length === before) throw error; // not one of ours: retrying the same batch would loop
        this.drop('duplicate_id', before - touches.length);
      }
    }
  }

  private backoffMs(): number {
    return Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.max(0, this.failures - 1));
  }

  private drop(reason: TouchDropReason, n: number): void {
    if (n <= 0) return;
    this.dropped.inc({ reason }, n);
    if (reason === 'duplicate_id') return; // the contract: the first recording of a cart's code stands
    this.droppedSinceLog += n;
    const now = Date.now();
    if (now - this.lastDropLogMs >= DROP_LOG_EVERY_MS) {
      this.log.error('touches dropped', { reason, touches: this.droppedSinceLog, unflushed: this.unflushed() });
      this.droppedSinceLog = 0;
      this.lastDropLogMs = now;
    }
  }

  private clearWindowTimer(): void {
    if (this.windowTimer !== null) clearTimeout(this.windowTimer);
    this.windowTimer = null;
  }
}

/** One append per stream (appendMany takes each stream once), events in the order they were emitted. */
function groupByStream(touches: readonly QueuedTouch[]): StreamAppend[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const t of touches) {
    const events = byStream.get(t.stream);
    if (events === undefined) byStream.set(t.stream, [t.event]);
    else events.push(t.event);
  }
  return [...byStream].map(([stream, events]) => ({ stream, expectedRevision: 'any' as const, events }));
}

/**
 * The id clashes either with a stored event (every copy in the batch goes) or inside the batch
 * (later copies go, the first stays and is checked against the store on the next try).
 */
function withoutSuperseded(touches: readonly QueuedTouch[], eventId: string): QueuedTouch[] {
  const id = eventId.toLowerCase();
  const copies = touches.filter((t) => t.event.id.toLowerCase() === id);
  const keep = copies.length > 1 ? copies[0] : undefined;
  return touches.filter((t) => t.event.id.toLowerCase() !== id || t === keep);
}
