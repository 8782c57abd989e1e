import type { Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import { comparePositions, type EventStore, type Position } from '@ledger/event-store';
import { isRunningAnywhere } from './advisory-locks';
import { loadCheckpoints, type StoredCheckpoint } from './checkpoint';
import type { CheckpointedReader, Projection, ProjectionProgress, ProjectionStatus } from './projection';

export interface ProjectionProgressSettings {
  db: Kysely<any>;
  eventStore: EventStore;
  projections: readonly Projection[];
  /** Process managers whose checkpoints status() also reports (lag only: waitFor does not wait for them). */
  processManagers?: readonly CheckpointedReader[];
  /** How often waiters re-read the checkpoints; one read is shared by all concurrent waiters. */
  pollMs?: number;
}

/**
 * Progress read from the checkpoint table, so it works in any process (the API need not run
 * the projections). A checkpoint ≥ p means every event up to p that the projection reads has
 * been applied: the runner moves a filtered projection's checkpoint to the head it has read
 * up to, even when nothing matched (batch.ts nextCheckpoint).
 */
export class PostgresProjectionProgress implements ProjectionProgress {
  private readonly names: string[];
  private readonly pollMs: number;
  private latest: { readAtMs: number; checkpoints: Map<string, StoredCheckpoint> } | null = null;
  private reading: Promise<Map<string, StoredCheckpoint>> | null = null;

  constructor(private readonly settings: ProjectionProgressSettings) {
    this.names = settings.projections.map((p) => p.name);
    this.pollMs = settings.pollMs ?? LIMITS.projections.waitForPollMs;
  }

  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadlineMs = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      if (this.allPassed(await this.checkpoints(), position)) return true;
      const leftMs = deadlineMs - Date.now();
      if (leftMs <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, leftMs)));
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const { db, eventStore, projections } = this.settings;
    const managers = this.settings.processManagers ?? [];
    const names = [...this.names, ...managers.map((m) => m.name)];
    const [checkpoints, head] = await Promise.all([loadCheckpoints(db, names), eventStore.headPosition()]);
    const statuses: ProjectionStatus[] = [];
    const row = async (reader: CheckpointedReader, kind: 'projection' | 'process_manager', running: boolean): Promise<ProjectionStatus> => {
      const stored = checkpoints.get(reader.name);
      const checkpoint = stored?.position ?? null;
      return {
        name: reader.name,
        kind,
        checkpoint,
        head,
        lagEvents: await this.lagEvents(reader, checkpoint, head),
        running,
        eventsApplied: stored?.eventsApplied ?? 0,
        updatedAt: stored?.updatedAt ?? null,
      };
    };
    for (const projection of projections) statuses.push(await row(projection, 'projection', await isRunningAnywhere(db, projection.name)));
    for (const manager of managers) statuses.push(await row(manager, 'process_manager', false));
    return statuses;
  }

  /** Events after the checkpoint that the projection reads, counted up to a bound (one bounded read). */
  private async lagEvents(projection: CheckpointedReader, checkpoint: Position | null, head: Position | null): Promise<number> {
    if (!head || (checkpoint && comparePositions(head, checkpoint) <= 0)) return 0;
    const behind = await this.settings.eventStore.readAll({
      after: checkpoint,
      maxCount: LIMITS.projections.lagCountMaxEvents,
      filter: projection.filter,
    });
    return behind.length;
  }

  private allPassed(checkpoints: Map<string, StoredCheckpoint>, position: Position): boolean {
    return this.names.every((name) => {
      const at = checkpoints.get(name)?.position;
      return !!at && comparePositions(at, position) >= 0;
    });
  }

  /** Checkpoints at most pollMs old; concurrent waiters share one read, so load stays flat. */
  private async checkpoints(): Promise<Map<string, StoredCheckpoint>> {
    if (this.latest && Date.now() - this.latest.readAtMs < this.pollMs) return this.latest.checkpoints;
    this.reading ??= loadCheckpoints(this.settings.db, this.names)
      .then((checkpoints) => {
        this.latest = { readAtMs: Date.now(), checkpoints };
        return checkpoints;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}
