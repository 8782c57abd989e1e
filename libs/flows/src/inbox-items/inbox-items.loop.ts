// Follows $all for the events that call for an inbox item, batch by batch, after a checkpoint moved
// by compare-and-set (as the order-earnings process manager, whose reasons apply: the appends are
// their own transactions, the checkpoint moves afterwards in a short one).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { abortableDelay, comparePositions, type AllFilter, type EventStore, type Position } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import {
  byStream,
  CheckpointConflict,
  compareAndSetCheckpoint,
  isTransientError,
  loadOrCreateCheckpoint,
  loadParkedEvents,
  markFailedAgain,
  markResolved,
  openCounts,
  park,
  parkEntryOf,
  rowsToRetry,
} from '@ledger/projections';
import type { LoopLogger } from '../order-earnings/order-earnings.loop';
import { INBOX_CAUSE_TYPES } from './inbox-item-rules';
import type { InboxItemsProcessor } from './inbox-items.processor';

export const INBOX_ITEMS_PM = 'collab_inbox_items_pm';

export const INBOX_CAUSES: AllFilter = { eventTypes: INBOX_CAUSE_TYPES };

/** Advisory-lock namespace of process managers ('LPMR'), as the order-earnings one; the key hashes the name. */
const PM_LOCK_NAMESPACE = 0x4c504d52;
const lockKey = createHash('sha256').update(`process-manager:${INBOX_ITEMS_PM}`).digest().readInt32BE(0);

export interface InboxItemsLoopOptions {
  db: Kysely<any>;
  store: EventStore;
  processor: InboxItemsProcessor;
  logger: LoopLogger;
  batchEvents?: number;
  idlePollMs?: number;
}

/**
 * A crash between the appends and the checkpoint replays the batch, which appends nothing new
 * (deterministic item ids). An event that cannot be processed for a reason other than a transient
 * one is parked (ADR 0010) and the batch goes on: inbox items are independent of each other.
 */
export class InboxItemsLoop {
  private readonly batchEvents: number;
  private readonly idlePollMs: number;
  private running: { abort: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly options: InboxItemsLoopOptions) {
    this.batchEvents = options.batchEvents ?? LIMITS.collaboration.inboxPmBatchEvents;
    this.idlePollMs = options.idlePollMs ?? LIMITS.projections.idlePollMs;
  }

  start(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.running = { abort, done: this.run(abort.signal) };
    this.options.logger.info('inbox items process manager started', { name: INBOX_ITEMS_PM });
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
    this.running = null;
  }

  /** Runs batches until one finds nothing new (tests, CLI); at most `maxSteps`. */
  async catchUp(maxSteps = 1_000): Promise<void> {
    for (let i = 0; i < maxSteps; i++) if ((await this.step()) !== 0) return;
    throw new Error(`${INBOX_ITEMS_PM} did not catch up within ${maxSteps} batches`);
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      let waitMs: number;
      try {
        waitMs = await this.step();
        failures = 0;
      } catch (error) {
        failures += 1;
        waitMs = Math.min(this.idlePollMs * 2 ** Math.min(failures - 1, 20), LIMITS.ledger.attributionRetryMaxMs);
        this.options.logger.error('inbox items batch failed; retrying', { name: INBOX_ITEMS_PM, failures, retryInMs: waitMs, err: error });
      }
      await abortableDelay(waitMs, signal);
    }
  }

  private async step(): Promise<number> {
    return this.options.db.connection().execute(async (connection) => {
      const locked = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${PM_LOCK_NAMESPACE}::int4, ${lockKey}::int4) as ok`.execute(connection);
      if (locked.rows[0]?.ok !== true) return this.idlePollMs;
      try {
        return await this.batch();
      } finally {
        await sql`select pg_advisory_unlock(${PM_LOCK_NAMESPACE}::int4, ${lockKey}::int4)`.execute(connection).catch(() => undefined);
      }
    });
  }

  private async batch(): Promise<number> {
    const { db, store, processor, logger } = this.options;
    // Parked events an operator asked to retry come first (they are older than anything new).
    await this.retryParked();
    const from = await loadOrCreateCheckpoint(db, INBOX_ITEMS_PM);
    // The head is read before the batch: a short read covers everything up to it (see projections/batch.ts).
    const head = await store.headPosition();
    if (!head || (from && comparePositions(head, from) <= 0)) return this.idlePollMs;
    const events = await store.readAll({ after: from, maxCount: this.batchEvents, filter: INBOX_CAUSES });
    let next: Position | null = events.at(-1)?.position ?? from;
    if (events.length < this.batchEvents && (!next || comparePositions(head, next) > 0)) next = head;
    if (!next || (from && comparePositions(next, from) <= 0)) return this.idlePollMs;

    let created = 0;
    for (const event of events) {
      try {
        if (await processor.process(event)) created += 1;
      } catch (error) {
        if (isTransientError(error)) throw error; // the whole batch again, with backoff
        logger.error('inbox item parked: the process manager cannot process this event', { name: INBOX_ITEMS_PM, stream: event.stream, eventId: event.id, err: error });
        await park(db, [parkEntryOf(INBOX_ITEMS_PM, event, 'failed', error)]);
      }
    }
    try {
      await compareAndSetCheckpoint(db, INBOX_ITEMS_PM, from, next, events.length);
    } catch (error) {
      if (!(error instanceof CheckpointConflict)) throw error;
      logger.warn('checkpoint moved under us; reloading', { name: INBOX_ITEMS_PM });
      return this.idlePollMs;
    }
    if (created > 0) logger.info('inbox items created', { name: INBOX_ITEMS_PM, events: events.length, created });
    return events.length >= this.batchEvents ? 0 : this.idlePollMs;
  }

  /** Each row on its own (items are independent): through → resolved; failing again → parked, attempts + 1. */
  private async retryParked(): Promise<void> {
    const { db, store, processor } = this.options;
    const counts = (await openCounts(db, [INBOX_ITEMS_PM])).get(INBOX_ITEMS_PM);
    if (!counts || counts.retries === 0) return;
    for (const [stream, rows] of byStream(await rowsToRetry(db, INBOX_ITEMS_PM))) {
      const loaded = await loadParkedEvents(store, stream, rows);
      for (const row of rows.filter((r) => r.status === 'retry_requested')) {
        const event = loaded.get(row.eventId);
        try {
          if (event === undefined) throw new Error(`the parked event is no longer in ${stream} at its revision`);
          await processor.process(event);
          await markResolved(db, [row.id]);
        } catch (error) {
          if (isTransientError(error)) throw error;
          await markFailedAgain(db, row.id, error);
        }
      }
    }
  }
}
