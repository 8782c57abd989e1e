import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import { LIMITS } from '@ledger/kernel';
import type { EventStore, Position } from '@ledger/event-store';
import { LeaseConnection } from './advisory-locks';
import { defaultProjectionLogger, type ProjectionLogger } from './logger';
import type { CheckpointedReader, Projection, ProjectionProgress, ProjectionStatus } from './projection';
import { PostgresProjectionProgress } from './projection-progress';
import { ProjectionLoop } from './projection-loop';
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
}

/**
 * Runs named projections, each in its own loop, each active in one process at a time
 * (advisory lock). Start it with the worker, stop it on shutdown: stop() lets every
 * in-flight batch commit or roll back, then releases the locks.
 * It is also the ProjectionProgress of this process (read from the checkpoint table).
 */
export class ProjectionRunner implements ProjectionProgress {
  private readonly lease: LeaseConnection;
  private readonly loops: ProjectionLoop[];
  private readonly progress: PostgresProjectionProgress;
  private readonly logger: ProjectionLogger;
  private running: { abort: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const projections = new ProjectionRegistry(options.projections).all(); // validates names, keys, tables
    this.logger = options.logger ?? defaultProjectionLogger();
    this.lease = LeaseConnection.fromPool(options.pool);
    const settings = {
      db: options.db,
      eventStore: options.eventStore,
      lease: this.lease,
      logger: this.logger,
      batchEvents: options.batchEvents ?? LIMITS.projections.batchEvents,
      idlePollMs: options.idlePollMs ?? LIMITS.projections.idlePollMs,
      retryBackoffMaxMs: options.retryBackoffMaxMs ?? LIMITS.projections.retryBackoffMaxMs,
    };
    this.loops = projections.map((projection) => new ProjectionLoop(projection, settings));
    this.progress = new PostgresProjectionProgress({ db: options.db, eventStore: options.eventStore, projections, processManagers: options.processManagers });
  }

  /** Starts every loop in the background; returns at once (a loop that cannot reach the database retries). */
  async start(): Promise<void> {
    if (this.running) return;
    const abort = new AbortController();
    const done = Promise.all(this.loops.map((loop) => loop.run(abort.signal))).then(() => undefined);
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
}
