import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import { LIMITS } from '@ledger/kernel';
import { abortableDelay, comparePositions, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { LeaseConnection } from './advisory-locks';
import { retryDelayMs } from './backoff';
import { defaultProjectionLogger, errorFields, type ProjectionLogger } from './logger';
import { openCounts } from './parking';
import type { CheckpointedReader, ParkedCount, Projection, ProjectionProgress, ProjectionStatus } from './projection';
import { PostgresProjectionProgress } from './projection-progress';
import { positionsApart, ProjectionLoop } from './projection-loop';
import { ProjectionRegistry } from './projection-registry';

export interface ProjectionRunnerOptions {
  /** Kysely over `pool`: batch transactions and checkpoints. */
  db: Kysely<any>;
  /** Its connection settings open the dedicated lock connection (never taken from the pool). */
  pool: Pool;
  eventStore: EventStore;
  projections: readonly Projection[];
  /** Checkpoints of process managers that status() also reports (not run here; waitFor ignores them). */
  processManagers?: readonly CheckpointedReader[];
  logger?: ProjectionLogger;
  batchEvents?: number;
  idlePollMs?: number;
  retryBackoffMaxMs?: number;
  idlePersistEvents?: number;
  idlePersistMs?: number;
  idlePersistQuietMs?: number;
  sharedReadEvents?: number;
}

/**
 * Runs named projections, each in its own loop, each active in one process at a time
 * (advisory lock). Start it with the worker, stop it on shutdown: stop() lets every
 * in-flight batch commit or roll back, then releases the locks.
 * Every idlePollMs it reads the store head once and takes/re-checks every lock in one query,
 * and hands both to every loop (a "beat"): a loop already at the head costs nothing more, so
 * an idle runner makes two small queries per poll whatever the number of projections; when
 * the head moved a little, one shared read of what is new serves every loop (sharedPage).
 * It is also the ProjectionProgress of this process: the checkpoint table, and the loops'
 * in-memory checkpoints (idle advances not persisted yet, see ProjectionLoop).
 */
export class ProjectionRunner implements ProjectionProgress {
  private readonly lease: LeaseConnection;
  private readonly loops: ProjectionLoop[];
  private readonly progress: PostgresProjectionProgress;
  private readonly logger: ProjectionLogger;
  private readonly idlePollMs: number;
  private readonly retryBackoffMaxMs: number;
  private readonly sharedReadEvents: number;
  private running: { abort: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const projections = new ProjectionRegistry(options.projections).all(); // validates names, keys, tables
    this.logger = options.logger ?? defaultProjectionLogger();
    this.lease = LeaseConnection.fromPool(options.pool);
    this.idlePollMs = options.idlePollMs ?? LIMITS.projections.idlePollMs;
    this.retryBackoffMaxMs = options.retryBackoffMaxMs ?? LIMITS.projections.retryBackoffMaxMs;
    const batchEvents = options.batchEvents ?? LIMITS.projections.batchEvents;
    // Below the batch size, so that a loop's batch taken from the page is always a short read.
    this.sharedReadEvents = Math.min(options.sharedReadEvents ?? LIMITS.projections.sharedReadEvents, batchEvents - 1);
    const settings = {
      db: options.db,
      eventStore: options.eventStore,
      lease: this.lease,
      logger: this.logger,
      batchEvents,
      idlePollMs: this.idlePollMs,
      retryBackoffMaxMs: this.retryBackoffMaxMs,
      idlePersistEvents: options.idlePersistEvents ?? LIMITS.projections.idlePersistEvents,
      idlePersistMs: options.idlePersistMs ?? LIMITS.projections.idlePersistMs,
      idlePersistQuietMs: options.idlePersistQuietMs ?? LIMITS.projections.idlePersistQuietMs,
    };
    this.loops = projections.map((projection) => new ProjectionLoop(projection, settings));
    const inMemory = new Map(this.loops.map((loop) => [loop.projection.name, loop]));
    this.progress = new PostgresProjectionProgress({
      db: options.db,
      eventStore: options.eventStore,
      projections,
      processManagers: options.processManagers,
      passedInProcess: (name) => inMemory.get(name)?.position ?? null,
    });
  }

  /** Starts every loop in the background; returns at once (a loop that cannot reach the database retries). */
  async start(): Promise<void> {
    if (this.running) return;
    const abort = new AbortController();
    const done = Promise.all([this.beat(abort.signal), ...this.loops.map((loop) => loop.run(abort.signal))]).then(() => undefined);
    this.running = { abort, done };
    this.logger.info({ projections: this.loops.map((l) => l.projection.name) }, 'projection runner started');
  }

  /** Drains: every loop finishes its current step, releases its lock; then the lock connection closes. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
    await this.lease.close();
    this.running = null;
    this.logger.info({}, 'projection runner stopped');
  }

  /** One head read and one lock round per poll, shared by every loop; failures back off like a loop's. */
  private async beat(signal: AbortSignal): Promise<void> {
    const names = this.loops.map((loop) => loop.projection.name);
    let failures = 0;
    let lastSession = 0;
    while (!signal.aborted) {
      try {
        // The head first: whatever a loop reads after it may reach it (see nextCheckpoint).
        const head = await this.options.eventStore.headPosition();
        // After losing the lease connection, wait one poll before taking locks again: another
        // instance that kept its connection takes over rather than racing us for them.
        const acquire = lastSession === 0 || this.lease.currentSession === lastSession;
        const { session, states: locks } = await this.lease.refresh(names, acquire);
        lastSession = session;
        const page = await this.sharedPage(head);
        // Empty (one index probe) while nothing is parked: the loops then never ask per batch.
        const parkedReadAtMs = Date.now();
        const parked = await openCounts(this.options.db, names);
        if (signal.aborted) break;
        for (const loop of this.loops) loop.offer({ head, locks, session, parked, parkedReadAtMs, ...(page ? { page } : {}) });
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.error({ failures, ...errorFields(error) }, 'projection runner poll failed');
      }
      await abortableDelay(failures === 0 ? this.idlePollMs : retryDelayMs(failures, this.idlePollMs, this.retryBackoffMaxMs), signal);
    }
  }

  /**
   * When the running loops that are behind `head` are all close to it, one unfiltered read from
   * the earliest of them replaces a filtered read per loop (most polls under steady traffic find
   * nothing for most projections). Only a short page is handed out: it must hold every event
   * up to what was visible when it was read. Loops further behind read their own batches.
   */
  private async sharedPage(head: Position | null): Promise<{ after: Position; events: RecordedEvent[] } | null> {
    if (!head || this.sharedReadEvents < 1) return null;
    let after: Position | null = null;
    for (const loop of this.loops) {
      const from = loop.readsAfter;
      if (from === undefined || (from && comparePositions(from, head) >= 0)) continue;
      if (from === null || positionsApart(from, head) >= this.sharedReadEvents) return null;
      if (!after || comparePositions(from, after) < 0) after = from;
    }
    if (!after) return null;
    const events = await this.options.eventStore.readAll({ after, maxCount: this.sharedReadEvents });
    return events.length < this.sharedReadEvents ? { after, events } : null;
  }

  /** True while THIS runner holds the projection's lock (as of its last check). */
  isActive(name: string): boolean {
    return this.loops.some((loop) => loop.projection.name === name && loop.active);
  }

  waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  status(): Promise<ProjectionStatus[]> {
    return this.progress.status();
  }

  parked(): Promise<ParkedCount[]> {
    return this.progress.parked();
  }
}
