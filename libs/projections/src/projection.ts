import type { Kysely, Transaction } from 'kysely';
import type { AllFilter, Position, RecordedEvent } from '@ledger/event-store';

/**
 * A read model fed from `$all`. `apply` gets one bounded batch and a transaction; the runtime
 * commits the batch's writes together with the checkpoint (compare-and-set), so a batch is
 * applied exactly once even if the process dies mid-batch. Writes must be replay-safe anyway
 * (keyed by source reference, ON CONFLICT), and must use unqualified table names: rebuild and
 * verify run the same code with `search_path` pointing at a fresh schema.
 */
export interface Projection<DB = any> {
  /** Stable name; the checkpoint key. */
  readonly name: string;
  /** Tables this projection owns (rebuild clones, swaps and checksums exactly these). */
  readonly tables: readonly string[];
  /** Events the runtime reads for it; narrower filters read less. */
  readonly filter?: AllFilter;
  apply(trx: Transaction<DB>, events: RecordedEvent[]): Promise<void>;
}

/** Read-your-writes support: the HTTP edge waits (bounded) until projections pass a position. */
export interface ProjectionProgress {
  /** Resolves true once every projection has applied `position`, false on timeout. */
  waitFor(position: Position, timeoutMs: number): Promise<boolean>;
  /** Per projection (then per registered process manager): checkpoint and lag (events behind the store head), for /health and /metrics. */
  status(): Promise<ProjectionStatus[]>;
  /** Consumers with parked events (open: parked or waiting for a retry); none listed when nothing is parked. */
  parked(): Promise<ParkedCount[]>;
}

export interface ParkedCount {
  consumer: string;
  parked: number;
}

export const PROJECTION_PROGRESS = Symbol('PROJECTION_PROGRESS');

/**
 * Another reader of $all that keeps its checkpoint in projection_checkpoint (a process
 * manager): status() reports its checkpoint and lag beside the projections'. waitFor ignores it.
 */
export interface CheckpointedReader {
  /** Its checkpoint row's name. */
  readonly name: string;
  /** What it reads of $all (lag counts only these); none: every event. */
  readonly filter?: AllFilter;
}

export interface ProjectionStatus {
  name: string;
  /** Absent or 'projection': a read model of the runner; 'process_manager': a CheckpointedReader. */
  kind?: 'projection' | 'process_manager';
  checkpoint: Position | null;
  head: Position | null;
  lagEvents: number;
  /**
   * A projection: some session holds its run lock. A process manager takes its own lock per
   * batch only, so this cannot be seen from here: always false, and not a readiness signal.
   */
  running: boolean;
  /** Events applied since the checkpoint row was created or last rebuilt. */
  eventsApplied?: number;
  /** When the checkpoint last moved (ISO 8601); operational time, not business time. */
  updatedAt?: string | null;
  /** Its events parked and not resolved or skipped yet (ADR 0010). */
  parked?: number;
}

export type ProjectionDb = Kysely<any>;
