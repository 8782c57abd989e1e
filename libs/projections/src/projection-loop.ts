import type { Kysely } from 'kysely';
import { abortableDelay, comparePositions, type AllFilter, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import type { LeaseConnection, LockState } from './advisory-locks';
import { retryDelayMs } from './backoff';
import { commitBatch, nextCheckpoint } from './batch';
import { CheckpointConflict, loadOrCreateCheckpoint } from './checkpoint';
import { commitIsolated } from './isolated-batch';
import { errorFields, type ProjectionLogger } from './logger';
import { blockedStreams, isTransientError, type OpenCount, type ParkEntry } from './parking';
import type { Projection } from './projection';
import { retryParked } from './retry-parked';

export interface ProjectionLoopSettings {
  db: Kysely<any>;
  eventStore: EventStore;
  lease: LeaseConnection;
  logger: ProjectionLogger;
  batchEvents: number;
  idlePollMs: number;
  retryBackoffMaxMs: number;
  /** An idle advance (nothing matched) is persisted once the checkpoint ran this far ahead of the table (see positionsApart). */
  idlePersistEvents: number;
  /** ... or once this long has passed since the table's checkpoint last moved. */
  idlePersistMs: number;
  /** ... or once the head has not moved for this long (traffic stopped: let the table catch up). */
  idlePersistQuietMs: number;
}

/** What the runner read once for all its loops: the head before any of their reads, and each lock's state. */
export interface Beat {
  head: Position | null;
  locks: ReadonlyMap<string, LockState>;
  /** The lease session the lock states are about (a lock held in an earlier session was lost with it). */
  session: number;
  /**
   * Every event after `after`, unfiltered, read after `head` and shorter than its limit: all
   * there was to see. A loop whose checkpoint is at or past `after` takes its batch from here
   * (matchesFilter) instead of reading its own: one read per poll serves the loops near the head.
   */
  page?: { after: Position; events: readonly RecordedEvent[] };
  /** Open parked rows per consumer (absent: none); undefined: not known, every batch checks its streams. */
  parked?: ReadonlyMap<string, OpenCount>;
  /** When `parked` was read (Date.now() before the query): a count read before this loop's last park cannot clear it. */
  parkedReadAtMs?: number;
}

/**
 * Runs one projection: on each beat of the runner (one head read and one lock query for all
 * loops), read bounded batches after the checkpoint up to the beat's head and commit each with
 * the checkpoint, again and again. Every failure is logged and retried with bounded backoff;
 * nothing here ends the process.
 *
 * Idle advances stay in memory. When the head moved but nothing after the checkpoint matched the
 * filter, the checkpoint moves to the head here, and the table learns it only when it is due
 * (idlePersistEvents / idlePersistMs), when the head has been quiet for idlePersistQuietMs (so
 * tools that read the table see it reach the head soon after traffic stops), or with the next
 * real batch (whose compare-and-set expects the table's value, not ours). Losing
 * the unpersisted part in a crash costs a re-read of events that match nothing, a no-op.
 * Readers of the table see a checkpoint at most that bound behind; read-your-writes waiters do
 * not wait for it: PostgresProjectionProgress takes our in-memory position in this process and,
 * in any process, a position the table's checkpoint plus "nothing it reads in between" has
 * passed (the same rule that lets us skip ahead), so nothing waits for a persist.
 */
export class ProjectionLoop {
  /** Where this loop has read and applied up to; undefined: not trusted, reload from the table. */
  private checkpoint: Position | null | undefined = undefined;
  /** The table's checkpoint as we last wrote or read it: the compare-and-set's expected value. */
  private persisted: Position | null = null;
  private persistedAtMs = 0;
  /** The newest head seen, and when it last moved: "quiet" is no move for idlePersistQuietMs. */
  private lastHead: Position | null = null;
  private headMovedAtMs = 0;
  private holding = false;
  /** The lease session our lock is held in, while holding. */
  private session = 0;
  private failures = 0;
  /** Some stream may have a parked event of ours: a batch asks which of its streams wait behind one. */
  private mayHaveParked = true;
  /** Date.now() when this loop last committed parked rows (0: never). */
  private lastParkAtMs = 0;
  private beat: Beat | null = null;
  private wake: (() => void) | null = null;

  constructor(
    readonly projection: Projection,
    private readonly settings: ProjectionLoopSettings,
  ) {}

  /** True while this loop holds the projection's lock (as last checked). */
  get active(): boolean {
    return this.holding;
  }

  /** Every matching event up to here is applied (in memory, possibly ahead of the table); null: nothing known. */
  get position(): Position | null {
    return this.checkpoint ?? null;
  }

  /** Where this loop's next read starts, if it runs and trusts its checkpoint (undefined: it would not use a shared page). */
  get readsAfter(): Position | null | undefined {
    return this.holding ? this.checkpoint : undefined;
  }

  /** The runner's newest beat. A busy loop takes only the latest when it gets to it: nothing queues. */
  offer(beat: Beat): void {
    this.beat = beat;
    this.wake?.();
  }

  /** Loops until `signal` aborts, then lets the current step finish and releases the lock. */
  async run(signal: AbortSignal): Promise<void> {
    const { logger, idlePollMs, retryBackoffMaxMs } = this.settings;
    const onAbort = () => this.wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted) {
        const beat = await this.nextBeat(signal);
        if (!beat) break;
        try {
          await this.catchUp(beat, signal);
          this.failures = 0;
        } catch (error) {
          this.failures += 1;
          this.checkpoint = undefined; // whatever failed, trust only the table from here
          const waitMs = retryDelayMs(this.failures, idlePollMs, retryBackoffMaxMs);
          logger.error({ projection: this.projection.name, failures: this.failures, retryInMs: waitMs, ...errorFields(error) }, 'projection batch failed');
          await abortableDelay(waitMs, signal);
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (this.holding) {
      this.holding = false;
      await this.settings.lease.release(this.projection.name);
    }
  }

  private async nextBeat(signal: AbortSignal): Promise<Beat | null> {
    while (!this.beat && !signal.aborted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    const beat = this.beat;
    this.beat = null;
    return signal.aborted ? null : beat;
  }

  /**
   * Up to the beat's head: batches while they come back full (re-checking the lock before each
   * further batch), then the idle persist if one is due. Nothing at all when already there.
   */
  private async catchUp(beat: Beat, signal: AbortSignal): Promise<void> {
    const { db, eventStore, batchEvents } = this.settings;
    if (!(await this.followLock(beat.locks.get(this.projection.name) ?? 'busy', beat.session))) return;
    if (this.checkpoint === undefined) {
      this.checkpoint = await loadOrCreateCheckpoint(db, this.projection.name);
      this.persisted = this.checkpoint;
      this.persistedAtMs = Date.now();
    }
    const open = beat.parked?.get(this.projection.name);
    // A beat's counts may have been read while this loop was committing a park: such a beat does not
    // clear the flag, or the next batch of the parked stream would skip the check and apply out of order.
    const readBeforeOurPark = beat.parkedReadAtMs === undefined || beat.parkedReadAtMs <= this.lastParkAtMs;
    this.mayHaveParked = beat.parked === undefined || open !== undefined || readBeforeOurPark;
    if (open && open.retries > 0) await this.retryParked();
    const head = beat.head; // read BEFORE any of the batches: see nextCheckpoint for why that allows skipping ahead
    if (head && (!this.lastHead || comparePositions(head, this.lastHead) > 0)) {
      this.lastHead = head;
      this.headMovedAtMs = Date.now();
    }
    const read = (after: Position | null): Promise<RecordedEvent[]> => eventStore.readAll({ after, maxCount: batchEvents, filter: this.projection.filter });
    let ahead: Promise<RecordedEvent[]> | null = null;
    for (;;) {
      const from: Position | null = this.checkpoint;
      if (!head || (from && comparePositions(head, from) <= 0)) {
        await this.persistIdleAdvance();
        return;
      }
      const page = beat.page;
      const shared = !ahead && page && from && comparePositions(from, page.after) >= 0 ? fromPage(page.events, from, this.projection.filter) : null;
      const events: RecordedEvent[] = shared ?? (await (ahead ?? read(from)));
      ahead = null;
      const next = nextCheckpoint(from, head, events, batchEvents);
      if (!next) return;
      if (events.length === 0) {
        this.checkpoint = next;
        await this.persistIdleAdvance();
        return;
      }
      const full = events.length >= batchEvents;
      // A full batch: more before the head. Reading it while this one commits overlaps the two
      // round trips; it is only a read, dropped if the commit does not go through.
      const prefetch = full ? read(next) : null;
      prefetch?.catch(() => undefined); // awaited below, or dropped: never an unhandled rejection
      if (!(await this.commit(next, events)) || !prefetch || signal.aborted) return;
      // Same lease rule as before the first batch, checked after the commit as before any other.
      const session = await this.settings.lease.stillHoldsIn(this.projection.name);
      if (!(await this.followLock(session === null ? 'busy' : 'held', session ?? this.session))) return;
      if (this.checkpoint === undefined) return; // held again, but in a new session: reload at the next beat
      ahead = prefetch;
    }
  }

  /**
   * Commits a batch with the checkpoint (compare-and-set on the table's value); false when another
   * instance moved it. The whole batch in one apply, as fast as ever; only when that fails for
   * something other than a transient error, or when some of its streams wait behind a parked event,
   * the batch goes again around its poison (commitIsolated): parked, and the rest applied.
   */
  private async commit(next: Position, events: readonly RecordedEvent[]): Promise<boolean> {
    const { db, logger } = this.settings;
    let parked: ParkEntry[] = [];
    try {
      const blocked = events.length > 0 && this.mayHaveParked ? await blockedStreams(db, this.projection.name, [...new Set(events.map((e) => e.stream))]) : new Set<string>();
      if (blocked.size > 0) {
        parked = await commitIsolated(db, this.projection, this.persisted, next, events, blocked);
      } else {
        try {
          await commitBatch(db, this.projection, this.persisted, next, events);
        } catch (error) {
          if (error instanceof CheckpointConflict || events.length === 0 || isTransientError(error)) throw error;
          logger.warn({ projection: this.projection.name, events: events.length, ...errorFields(error) }, 'projection batch failed; applying it around the failing events');
          // Asked afresh (the flag above is a hint): an event behind an earlier parked one is blocked, not failed.
          const behindParked = await blockedStreams(db, this.projection.name, [...new Set(events.map((e) => e.stream))]);
          parked = await commitIsolated(db, this.projection, this.persisted, next, events, behindParked);
        }
      }
    } catch (error) {
      if (!(error instanceof CheckpointConflict)) throw error;
      // Another instance moved the checkpoint (it lost/took the lock around us): our batch
      // was rolled back whole. Reload and carry on from wherever the table says.
      logger.warn({ projection: this.projection.name }, 'checkpoint moved under us; batch discarded, reloading');
      this.checkpoint = undefined;
      return false;
    }
    if (parked.length > 0) {
      this.mayHaveParked = true;
      this.lastParkAtMs = Date.now();
      this.logParked(parked);
    }
    this.checkpoint = next;
    this.persisted = next;
    this.persistedAtMs = Date.now();
    return true;
  }

  /** One line per failing event; the events blocked behind them as one line per stream (a busy stream must not flood the log). */
  private logParked(parked: readonly ParkEntry[]): void {
    const projection = this.projection.name;
    const blocked = new Map<string, number>();
    for (const entry of parked) {
      if (entry.kind === 'blocked') {
        blocked.set(entry.stream, (blocked.get(entry.stream) ?? 0) + 1);
        continue;
      }
      const { org, stream, eventId, eventType, errorCode, errorMessage } = entry;
      this.settings.logger.error({ projection, org, stream, eventId, eventType, errorCode, error: errorMessage }, 'event parked: the projection cannot apply it');
    }
    for (const [stream, events] of blocked) this.settings.logger.warn({ projection, stream, events }, 'events parked behind an earlier parked event of their stream');
  }

  /** Re-applies the parked events an operator asked to retry (before the next batch: they are older). */
  private async retryParked(): Promise<void> {
    const outcome = await retryParked(this.settings, this.projection, this.persisted);
    this.settings.logger.info({ projection: this.projection.name, ...outcome }, 'parked events retried');
  }

  /** Writes an in-memory advance to the table once it is ahead by the bound in events or time, or the head went quiet. */
  private async persistIdleAdvance(): Promise<void> {
    const { idlePersistEvents, idlePersistMs, idlePersistQuietMs } = this.settings;
    const at = this.checkpoint;
    if (!at || (this.persisted && comparePositions(at, this.persisted) <= 0)) return;
    const nowMs = Date.now();
    const due =
      nowMs - this.persistedAtMs >= idlePersistMs ||
      nowMs - this.headMovedAtMs >= idlePersistQuietMs ||
      positionsApart(this.persisted, at) >= idlePersistEvents;
    if (due) await this.commit(at, []);
  }

  /** Applies the lock state of a beat (or a re-check) in `session`: true while this loop may write. */
  private async followLock(state: LockState, session: number): Promise<boolean> {
    const { lease, logger } = this.settings;
    const name = this.projection.name;
    if (this.holding && session !== this.session) {
      // Our session ended (and the lock with it) even if a new one holds the lock again by now:
      // someone else may have run the projection in between.
      this.holding = false;
      this.checkpoint = undefined;
      logger.info({ projection: name }, 'projection lock lost with its connection');
    }
    if (state === 'held' || state === 'acquired') {
      if (!this.holding) {
        this.holding = true;
        this.session = session;
        this.checkpoint = undefined; // someone else may have moved it while we did not hold the lock
        logger.info({ projection: name }, 'projection lock acquired; running');
      }
      return true;
    }
    // 'yield' (a rebuild/verify waits for us) or 'busy' (the connection, and the lock, went).
    if (state === 'yield' || this.holding) {
      const held = this.holding;
      this.holding = false;
      this.checkpoint = undefined;
      await lease.release(name); // yield to a waiting rebuild/verify; a no-op if the connection died
      if (held) logger.info({ projection: name }, 'projection lock yielded or lost');
    }
    return false;
  }
}

/**
 * About how many events lie between two positions, for the idle-persist and shared-read bounds.
 * For the PostgreSQL store `prepare` is the global position (a bigserial): this counts the
 * positions handed out in between, gaps of rolled-back appends included (a few concurrent
 * appends may commit out of that order: an estimate, not an exact count). For EventStoreDB it
 * is a log offset in bytes, which overstates the count: the bounds only get stricter.
 */
export function positionsApart(from: Position | null, to: Position): number {
  const apart = to.prepare - (from?.prepare ?? 0n);
  return apart > 0n ? Number(apart) : 0;
}

/** The page's events after `from` that `filter` selects. The page holds fewer than any batch, so this is a short read. */
function fromPage(events: readonly RecordedEvent[], from: Position, filter: AllFilter | undefined): RecordedEvent[] {
  return events.filter((event) => comparePositions(event.position, from) > 0 && matchesFilter(event, filter));
}

/**
 * The store's filter, in memory: what readAll({ filter }) would have returned (the port's
 * contract, AllFilter: a stream-name prefix from the list AND a type from the list; a missing
 * list does not constrain, an empty one matches nothing).
 */
export function matchesFilter(event: Pick<RecordedEvent, 'stream' | 'type'>, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((prefix) => event.stream.startsWith(prefix))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
