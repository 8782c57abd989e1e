// Runs the fraud process manager: follows $all for attributed orders, raised flags and reviews, batch
// by batch, after a checkpoint moved by compare-and-set (the same loop as the order → earnings one).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { abortableDelay, comparePositions, type EventStore, type Position } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { CheckpointConflict, compareAndSetCheckpoint, loadOrCreateCheckpoint } from '@ledger/projections';
import { FRAUD_FACTS, ORDER_FRAUD_PM } from './fraud-facts';
import { processFacts, retryParkedFacts, type FraudParkingSettings } from './order-fraud.parking';
import type { FraudOutcome, OrderFraudProcessor } from './order-fraud.processor';

/** Advisory-lock namespace of process managers ('LPMR'), shared with the order → earnings loop; the key hashes the name. */
const PM_LOCK_NAMESPACE = 0x4c504d52;

/** The second int4 of the advisory-lock key: a hash of the name. */
function pmLockKey(name: string): number {
  return createHash('sha256').update(`process-manager:${name}`).digest().readInt32BE(0);
}

export interface FraudLoopLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface OrderFraudLoopOptions {
  db: Kysely<any>;
  store: EventStore;
  processor: OrderFraudProcessor;
  logger: FraudLoopLogger;
  batchEvents?: number;
  idlePollMs?: number;
  retryBackoffMaxMs?: number;
}

/**
 * Not the ProjectionRunner, for the reason of OrderEarningsLoop: its checkpoint transaction would stay
 * open (with an xid, stalling every $all reader) while we append. A crash between the appends and the
 * checkpoint replays the batch, which appends nothing new: a check completes once per order, a flag is
 * raised once, holds and review effects have ids deterministic in (flag, earning), and the ledger's
 * decider holds, releases and claws back only what is still to do.
 * One instance works at a time (session advisory lock, taken per step on a pooled connection;
 * a dead process loses it with its connection); a second one would only waste work, not corrupt.
 */
export class OrderFraudLoop {
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
  private readonly parking: FraudParkingSettings;

  constructor(private readonly options: OrderFraudLoopOptions) {
    this.parking = { db: options.db, store: options.store, processor: options.processor, consumer: ORDER_FRAUD_PM, logger: options.logger };
    this.batchEvents = options.batchEvents ?? LIMITS.fraud.batchEvents;
    this.idlePollMs = options.idlePollMs ?? LIMITS.projections.idlePollMs;
    this.retryBackoffMaxMs = options.retryBackoffMaxMs ?? LIMITS.fraud.retryMaxMs;
  }

  start(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.running = { abort, done: this.run(abort.signal) };
    this.options.logger.info('fraud process manager started', { name: ORDER_FRAUD_PM });
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
    throw new Error(`${ORDER_FRAUD_PM} did not catch up within ${maxSteps} batches`);
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
        this.options.logger.error('fraud batch failed; retrying', { name: ORDER_FRAUD_PM, failures, retryInMs: waitMs, err: error });
      }
      await abortableDelay(waitMs, signal);
    }
  }

  /** One bounded batch under the lock. Returns how long to wait before the next (0: more is ready). */
  private async step(): Promise<number> {
    return this.options.db.connection().execute(async (connection) => {
      const key = pmLockKey(ORDER_FRAUD_PM);
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
    // Parked facts an operator asked to retry come first (they are older than anything new).
    await retryParkedFacts(this.parking);
    const from = this.knownCheckpoint !== undefined ? this.knownCheckpoint : await loadOrCreateCheckpoint(db, ORDER_FRAUD_PM);
    this.knownCheckpoint = from;
    // The head is read BEFORE the batch: a short read then covers everything up to it, so the
    // checkpoint may jump there even when the filter matched nothing (see projections/batch.ts).
    const head = await store.headPosition();
    if (!head || (from && comparePositions(head, from) <= 0)) return this.idlePollMs;
    const events = await store.readAll({ after: from, maxCount: this.batchEvents, filter: FRAUD_FACTS });
    let candidate: Position | null = events.at(-1)?.position ?? from;
    if (events.length < this.batchEvents && (!candidate || comparePositions(head, candidate) > 0)) candidate = head;
    if (!candidate || (from && comparePositions(candidate, from) <= 0)) return this.idlePollMs;
    const next = candidate;

    let outcome: FraudOutcome | null = null;
    // One fact that cannot be processed is parked; the others go on (order-fraud.parking.ts).
    if (events.length > 0) outcome = await processFacts(this.parking, events);
    try {
      await compareAndSetCheckpoint(db, ORDER_FRAUD_PM, from, next, events.length);
      this.knownCheckpoint = next;
    } catch (error) {
      this.knownCheckpoint = undefined;
      if (!(error instanceof CheckpointConflict)) throw error;
      logger.warn('checkpoint moved under us; reloading', { name: ORDER_FRAUD_PM });
      return this.idlePollMs;
    }
    if (outcome && events.length > 0) logger.info('fraud facts processed', { name: ORDER_FRAUD_PM, events: events.length, ...outcome });
    return events.length >= this.batchEvents ? 0 : this.idlePollMs;
  }
}

