import type { Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import { comparePositions, type EventStore, type Position } from '@ledger/event-store';
import { isRunningAnywhere } from './advisory-locks';
import { loadCheckpoints, type StoredCheckpoint } from './checkpoint';
import { openCounts } from './parking';
import type { CheckpointedReader, ParkedCount, Projection, ProjectionProgress, ProjectionStatus } from './projection';

export interface ProjectionProgressSettings {
  db: Kysely<any>;
  eventStore: EventStore;
  projections: readonly Projection[];
  /** Process managers whose checkpoints status() also reports (lag only: waitFor does not wait for them). */
  processManagers?: readonly CheckpointedReader[];
  /** How often waiters re-read the checkpoints; one read is shared by all concurrent waiters. */
  pollMs?: number;
  /**
   * A position this process knows the projection has passed, ahead of the table (the runner's
   * in-memory checkpoints: idle advances it has not persisted yet); null: nothing known here.
   */
  passedInProcess?: (name: string) => Position | null;
}

/**
 * What a scan past a checkpoint found: no event the projection reads lies after `from` and
 * before `until` (or, when `until` is null, up to `head`). It holds for good once the
 * projection has applied everything up to `from`: events never appear below the visible head.
 */
interface Gap {
  from: Position;
  until: Position | null;
  head: Position | null;
}

/**
 * Progress read from the checkpoint table, so it works in any process (the API need not run
 * the projections). A checkpoint ≥ p means every event up to p that the projection reads has
 * been applied: the runner moves a filtered projection's checkpoint to the head it has read
 * up to, even when nothing matched (batch.ts nextCheckpoint).
 *
 * The runner persists those idle moves only now and then (ProjectionLoop), so a waiter whose
 * position a projection does not read would otherwise wait up to that bound. Instead, when a
 * persisted checkpoint c is behind the awaited p, one bounded read finds the first event after
 * c that the projection reads: if there is none up to the head, or it lies beyond p, the
 * projection has passed p — the same rule the runner uses to skip ahead. Results are kept per
 * projection (a Gap), so a projection that has not applied its next event yet costs no
 * further read until its checkpoint moves. In the runner's process its in-memory checkpoints
 * answer first, without a query.
 */
export class PostgresProjectionProgress implements ProjectionProgress {
  private readonly projections: readonly Projection[];
  private readonly pollMs: number;
  private latest: { readAtMs: number; checkpoints: Map<string, StoredCheckpoint> } | null = null;
  private reading: Promise<Map<string, StoredCheckpoint>> | null = null;
  private readonly gaps = new Map<string, Gap>();
  private scanning: Promise<void> | null = null;

  constructor(private readonly settings: ProjectionProgressSettings) {
    this.projections = settings.projections;
    this.pollMs = settings.pollMs ?? LIMITS.projections.waitForPollMs;
  }

  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadlineMs = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      const checkpoints = await this.checkpoints();
      if (this.allPassed(checkpoints, position)) return true;
      await this.scanGaps(checkpoints, position);
      if (this.allPassed(checkpoints, position)) return true;
      const leftMs = deadlineMs - Date.now();
      if (leftMs <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, leftMs)));
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const { db, eventStore, projections } = this.settings;
    const managers = this.settings.processManagers ?? [];
    const names = [...projections.map((p) => p.name), ...managers.map((m) => m.name)];
    const [checkpoints, head, parked] = await Promise.all([loadCheckpoints(db, names), eventStore.headPosition(), openCounts(db, names)]);
    const statuses: ProjectionStatus[] = [];
    const row = async (reader: CheckpointedReader, kind: 'projection' | 'process_manager', running: boolean): Promise<ProjectionStatus> => {
      const stored = checkpoints.get(reader.name);
      // Ahead of the table by at most the idle-persist bound, and only over events it does not read.
      const checkpoint = kind === 'projection' ? this.applied(reader.name, checkpoints) : (stored?.position ?? null);
      return {
        name: reader.name,
        kind,
        checkpoint,
        head,
        lagEvents: await this.lagEvents(reader, checkpoint, head),
        running,
        eventsApplied: stored?.eventsApplied ?? 0,
        updatedAt: stored?.updatedAt ?? null, // the table's last move: idle advances reach it only now and then
        parked: parked.get(reader.name)?.open ?? 0,
      };
    };
    for (const projection of projections) statuses.push(await row(projection, 'projection', await isRunningAnywhere(db, projection.name)));
    for (const manager of managers) statuses.push(await row(manager, 'process_manager', false));
    return statuses;
  }

  /** Every consumer with open parked events (projections, process managers, the NATS consumer), and how many. */
  async parked(): Promise<ParkedCount[]> {
    return [...(await openCounts(this.settings.db)).values()].map(({ consumer, open }) => ({ consumer, parked: open }));
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

  /** The furthest position the projection is known to have applied: the table, or this process's loop. */
  private applied(name: string, checkpoints: Map<string, StoredCheckpoint>): Position | null {
    const stored = checkpoints.get(name)?.position ?? null;
    const inProcess = this.settings.passedInProcess?.(name) ?? null;
    if (!inProcess) return stored;
    return !stored || comparePositions(inProcess, stored) > 0 ? inProcess : stored;
  }

  private passed(name: string, checkpoints: Map<string, StoredCheckpoint>, position: Position): boolean {
    const at = this.applied(name, checkpoints);
    if (at && comparePositions(at, position) >= 0) return true;
    const gap = this.gaps.get(name);
    if (!gap || !at || comparePositions(at, gap.from) < 0) return false;
    if (gap.until) return comparePositions(position, gap.until) < 0;
    return !!gap.head && comparePositions(position, gap.head) <= 0;
  }

  private allPassed(checkpoints: Map<string, StoredCheckpoint>, position: Position): boolean {
    return this.projections.every((p) => this.passed(p.name, checkpoints, position));
  }

  /**
   * For each projection behind `position` whose Gap cannot answer: one head read, then one read
   * of at most one event per projection. One scan at a time, shared by concurrent waiters.
   * A projection that never checkpointed is not scanned: it has not started, nothing passes.
   */
  private async scanGaps(checkpoints: Map<string, StoredCheckpoint>, position: Position): Promise<void> {
    if (this.scanning) return this.scanning;
    const due = this.projections.filter((p) => {
      if (this.passed(p.name, checkpoints, position)) return false;
      const at = this.applied(p.name, checkpoints);
      if (!at) return false;
      const gap = this.gaps.get(p.name);
      // Its next event is known, at or before `position`, and not applied yet: only its checkpoint can move it.
      return !(gap?.until && comparePositions(at, gap.from) >= 0 && comparePositions(at, gap.until) < 0);
    });
    if (due.length === 0) return;
    this.scanning = (async () => {
      const { eventStore } = this.settings;
      // The head BEFORE the reads: an empty read after it means nothing it reads up to that head.
      const head = await eventStore.headPosition();
      await Promise.all(
        due.map(async (projection) => {
          const at = this.applied(projection.name, checkpoints)!;
          const known = this.gaps.get(projection.name);
          // An open gap that still holds is extended from its head: (from, head] is known empty already.
          const extend = known && !known.until && known.head && comparePositions(at, known.from) >= 0 && comparePositions(known.head, at) > 0;
          const from = extend ? known.from : at;
          const [next] = await eventStore.readAll({ after: extend ? known.head : at, maxCount: 1, filter: projection.filter });
          // A returned event is visible, so is everything before it: no head needed for `until`.
          this.gaps.set(projection.name, { from, until: next?.position ?? null, head });
        }),
      );
    })().finally(() => {
      this.scanning = null;
    });
    return this.scanning;
  }

  /** Checkpoints at most pollMs old; concurrent waiters share one read, so load stays flat. */
  private async checkpoints(): Promise<Map<string, StoredCheckpoint>> {
    if (this.latest && Date.now() - this.latest.readAtMs < this.pollMs) return this.latest.checkpoints;
    this.reading ??= loadCheckpoints(
      this.settings.db,
      this.projections.map((p) => p.name),
    )
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
