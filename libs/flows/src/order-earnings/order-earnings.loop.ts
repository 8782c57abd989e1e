// Runs the attribution & earnings process manager: follows $all for SCM order facts, batch by
// batch, after a checkpoint moved by compare-and-set.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { abortableDelay, comparePositions, type AllFilter, type EventStore, type Position } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { CheckpointConflict, compareAndSetCheckpoint, loadOrCreateCheckpoint } from '@ledger/projections';
import { processParking, retryParkedOrders, type PmParkingSettings } from './order-earnings.parking';
import type { BatchOutcome, OrderEarningsProcessor } from './order-earnings.processor';

export const ORDER_EARNINGS_PM = 'ledger_order_earnings_pm';

/** The facts that can change an order's attribution or clawbacks; the PM's own AttributionDecided is not one. */
export const ORDER_FACTS: AllFilter = { streamPrefixes: ['order-'], eventTypes: ['OrderRecorded', 'OrderReturned', 'OrderCancelled'] };

/** Advisory-lock namespace of process managers ('LPMR'), apart from the projections' ones (the key hashes differ too). */
const PM_LOCK_NAMESPACE = 0x4c504d52;

/** The second int4 of the advisory-lock key: a hash of the name. */
function pmLockKey(name: string): number {
  return createHash('sha256').update(`process-manager:${name}`).digest().readInt32BE(0);
}

export interface LoopLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface OrderEarningsLoopOptions {
  db: Kysely<any>;
  store: EventStore;
  processor: OrderEarningsProcessor;
  logger: LoopLogger;
  batchEvents?: number;
  idlePollMs?: number;
  retryBackoffMaxMs?: number;
}

/**
 * Why not the ProjectionRunner: it holds its checkpoint transaction open while the batch is
 * applied, and that transaction has an xid — every $all reader (projections, the catalog, this
 * loop) would stall behind it while we append to the store. Here the appends are their own
 * transactions and the checkpoint moves afterwards in a short one. A crash in between replays
 * the batch, which appends nothing new: every id is deterministic, every order stream append
 * carries its expected revision, and the decider refuses to decide or claw back twice.
 * One instance works at a time (session advisory lock, taken per step on a pooled connection;
 * a dead process loses it with its connection); a second one would only waste work, not corrupt.
 */
export class OrderEarningsLoop {
  private readonly batchEvents: number;
  private readonly idlePollMs: number;
  private readonly retryBackoffMaxMs: number;
  private running: { abort: AbortController; done: Promise<void> } | null = null;
  /**
   * The checkpoint as this loop last read or moved it, kept while it wins the lock step after step;
   * undefined: read it from the table. Only a shortcut: the move is a compare-and-set, so should
   * another instance have moved it between two of our steps, our move fails and the next step
   * reads it again (the batch in between re-decides events, which appends nothing new).
   */
  private knownCheckpoint: Position | null | undefined = undefined;
  private readonly parking: PmParkingSettings;

  constructor(private readonly options: OrderEarningsLoopOptions) {
    this.parking = { db: options.db, store: options.store, processor: options.processor, consumer: ORDER_EARNINGS_PM, logger: options.logger };
    this.batchEvents = options.batchEvents ?? LIMITS.ledger.attributionBatchEvents;
    this.idlePollMs = options.idlePollMs ?? LIMITS.projections.idlePollMs;
    this.retryBackoffMaxMs = options.retryBackoffMaxMs ?? LIMITS.ledger.attributionRetryMaxMs;
  }

  start(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.running = { abort, done: this.run(abort.signal) };
    this.options.logger.info('order earnings process manager started', { name: ORDER_EARNINGS_PM });
  }

  /** Lets the current batch finish (its appends and checkpoint), then returns. */
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
    throw new Error(`${ORDER_EARNINGS_PM} did not catch up within ${maxSteps} batches`);
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
        waitMs = Math.min(this.idlePollMs * 2 ** Math.min(failures - 1, 20), this.retryBackoffMaxMs);
        this.options.logger.error('order earnings batch failed; retrying', { name: ORDER_EARNINGS_PM, failures, retryInMs: waitMs, err: error });
      }
      await abortableDelay(waitMs, signal);
    }
  }

  /** One bounded batch under the lock. Returns how long to wait before the next (0: more is ready). */
  private async step(): Promise<number> {
    return this.options.db.connection().execute(async (connection) => {
      const key = pmLockKey(ORDER_EARNINGS_PM);
      const locked = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${PM_LOCK_NAMESPACE}::int4, ${key}::int4) as ok`.execute(connection);
      if (locked.rows[0]?.ok !== true) {
        this.knownCheckpoint = undefined; // another instance works meanwhile
        return this.idlePollMs;
      }
      try {
        return await this.batch();
      } catch (error) {
        this.knownCheckpoint = undefined;
        throw error;
      } finally {
        await sql`select pg_advisory_unlock(${PM_LOCK_NAMESPACE}::int4, ${key}::int4)`.execute(connection).catch(() => undefined);
      }
    });
  }

  private async batch(): Promise<number> {
    const { db, store, logger } = this.options;
    // Parked orders an operator asked to retry come first (they are older than anything new).
    await retryParkedOrders(this.parking);
    const from = this.knownCheckpoint !== undefined ? this.knownCheckpoint : await loadOrCreateCheckpoint(db, ORDER_EARNINGS_PM);
    this.knownCheckpoint = from;
    // The head is read BEFORE the batch: a short read then covers everything up to it, so the
    // checkpoint may jump there even when the filter matched nothing (see projections/batch.ts).
    const head = await store.headPosition();
    if (!head || (from && comparePositions(head, from) <= 0)) return this.idlePollMs;
    const readStarted = performance.now();
    const events = await store.readAll({ after: from, maxCount: this.batchEvents, filter: ORDER_FACTS });
    const readMs = Math.round(performance.now() - readStarted);
    let candidate: Position | null = events.at(-1)?.position ?? from;
    if (events.length < this.batchEvents && (!candidate || comparePositions(head, candidate) > 0)) candidate = head;
    if (!candidate || (from && comparePositions(candidate, from) <= 0)) return this.idlePollMs;
    const next = candidate;

    let outcome: BatchOutcome | null = null;
    // One order that cannot be processed is parked; the others go on (order-earnings.parking.ts).
    if (events.length > 0) outcome = await processParking(this.parking, events);
    try {
      await compareAndSetCheckpoint(db, ORDER_EARNINGS_PM, from, next, events.length);
      this.knownCheckpoint = next;
    } catch (error) {
      this.knownCheckpoint = undefined;
      if (!(error instanceof CheckpointConflict)) throw error;
      logger.warn('checkpoint moved under us; reloading', { name: ORDER_EARNINGS_PM });
      return this.idlePollMs;
    }
    const ms = { read: readMs, ...this.options.processor.takeTimings() };
    if (outcome && outcome.orders > 0) logger.info('order events processed', { name: ORDER_EARNINGS_PM, events: events.length, ...outcome, ms });
    return events.length >= this.batchEvents ? 0 : this.idlePollMs;
  }
}

