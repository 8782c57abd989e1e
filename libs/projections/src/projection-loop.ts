import type { Kysely } from 'kysely';
import { abortableDelay, comparePositions, type EventStore, type Position } from '@ledger/event-store';
import type { LeaseConnection } from './advisory-locks';
import { retryDelayMs } from './backoff';
import { commitBatch, nextCheckpoint } from './batch';
import { CheckpointConflict, loadOrCreateCheckpoint } from './checkpoint';
import { errorFields, type ProjectionLogger } from './logger';
import type { Projection } from './projection';

export interface ProjectionLoopSettings {
  db: Kysely<any>;
  eventStore: EventStore;
  lease: LeaseConnection;
  logger: ProjectionLogger;
  batchEvents: number;
  idlePollMs: number;
  retryBackoffMaxMs: number;
}

/**
 * Runs one projection: take its lock, then read a bounded batch after the checkpoint and
 * commit it with the checkpoint, again and again. Every failure is logged and retried with
 * bounded backoff; nothing here ends the process.
 */
export class ProjectionLoop {
  /** undefined: not trusted, reload from the table (after taking the lock, a conflict or an error). */
  private checkpoint: Position | null | undefined = undefined;
  private holding = false;
  private failures = 0;

  constructor(
    readonly projection: Projection,
    private readonly settings: ProjectionLoopSettings,
  ) {}

  /** True while this loop holds the projection's lock (as last checked). */
  get active(): boolean {
    return this.holding;
  }

  /** Loops until `signal` aborts, then lets the current step finish and releases the lock. */
  async run(signal: AbortSignal): Promise<void> {
    const { logger, idlePollMs, retryBackoffMaxMs } = this.settings;
    while (!signal.aborted) {
      let waitMs: number;
      try {
        waitMs = await this.step();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.checkpoint = undefined; // whatever failed, trust only the table from here
        waitMs = retryDelayMs(this.failures, idlePollMs, retryBackoffMaxMs);
        logger.error({ projection: this.projection.name, failures: this.failures, retryInMs: waitMs, ...errorFields(error) }, 'projection batch failed');
      }
      await abortableDelay(waitMs, signal);
    }
    if (this.holding) {
      this.holding = false;
      await this.settings.lease.release(this.projection.name);
    }
  }

  /** One bounded step. Returns how long to wait before the next (0: more work is ready). */
  private async step(): Promise<number> {
    const { db, eventStore, batchEvents, idlePollMs } = this.settings;
    if (!(await this.holdLock())) return idlePollMs;
    if (this.checkpoint === undefined) this.checkpoint = await loadOrCreateCheckpoint(db, this.projection.name);
    const from = this.checkpoint;
    // The head is read BEFORE the batch: see nextCheckpoint for why that allows skipping ahead.
    const head = await eventStore.headPosition();
    if (!head || (from && comparePositions(head, from) <= 0)) return idlePollMs;
    const events = await eventStore.readAll({ after: from, maxCount: batchEvents, filter: this.projection.filter });
    const next = nextCheckpoint(from, head, events, batchEvents);
    if (!next) return idlePollMs;
    try {
      await commitBatch(db, this.projection, from, next, events);
    } catch (error) {
      if (!(error instanceof CheckpointConflict)) throw error;
      // Another instance moved the checkpoint (it lost/took the lock around us): our batch
      // was rolled back whole. Reload and carry on from wherever the table says.
      this.settings.logger.warn({ projection: this.projection.name }, 'checkpoint moved under us; batch discarded, reloading');
      this.checkpoint = undefined;
      return idlePollMs;
    }
    this.checkpoint = next;
    return events.length >= batchEvents ? 0 : idlePollMs;
  }

  /** Takes the lock, or re-checks it before a batch (lease: the connection may be gone, or a rebuild asks us to yield). */
  private async holdLock(): Promise<boolean> {
    const { lease, logger } = this.settings;
    const name = this.projection.name;
    if (this.holding) {
      if (await lease.stillHolds(name)) return true;
      this.holding = false;
      this.checkpoint = undefined;
      await lease.release(name); // yield to a waiting rebuild/verify; a no-op if the connection died
      logger.info({ projection: name }, 'projection lock yielded or lost');
      return false;
    }
    if (!(await lease.tryAcquire(name))) return false;
    this.holding = true;
    this.checkpoint = undefined; // someone else may have moved it while we did not hold the lock
    logger.info({ projection: name }, 'projection lock acquired; running');
    return true;
  }
}
