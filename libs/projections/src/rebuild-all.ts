import { sql, type Kysely, type Transaction } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import { comparePositions, formatPosition, type AllFilter, type Position, type RecordedEvent } from '@ledger/event-store';
import { holdExclusive, type ExclusiveHold } from './advisory-locks';
import { assertAscendingAfter } from './batch';
import { tableChecksum } from './checksum';
import { defaultProjectionLogger } from './logger';
import { hasUnapplied, unappliedEventIds } from './parking';
import type { Projection } from './projection';
import { MaintenanceLockLost, type MaintenanceSettings, type RebuildReport } from './rebuild';
import { archiveSchema, cloneTables, dropSchema, makeLogged, scratchSchema, swapIn } from './schema-swap';

/** Where a rebuild of several read models stands, after each page of $all. */
export interface RebuildAllProgress {
  /** Events read from $all so far (every projection's share of them applied). */
  eventsRead: number;
  position: Position;
  /** The head the rebuild replays up to. */
  upTo: Position;
}

/**
 * Rebuilds several projections in ONE pass over $all (blue/green, as rebuildProjection does for one):
 * every live instance paused, fresh tables for each, then each page of $all (unfiltered, read once)
 * is dispatched to every projection whose filter matches, all of them in one transaction per page
 * (search_path switched per projection), and finally each projection's tables are swapped in with its
 * checkpoint. Reading $all once instead of once per projection, and committing once per page instead
 * of once per projection and page, is what makes a full rebuild fast (docs/performance.md, Rebuild).
 * Bounded: pages of `batchEvents`, up to the head seen at the start; cancellable between pages.
 */
export async function rebuildAll(
  settings: MaintenanceSettings & {
    onPageProgress?: (progress: RebuildAllProgress) => void;
    /** Apply a page to each projection in its own transaction, concurrently (default), or all in one transaction. */
    parallel?: boolean;
    /** Fill UNLOGGED scratch tables and make them logged before the swap, or logged from the start (default: measured no faster, docs/performance.md). */
    unlogged?: boolean;
  },
  projections: readonly Projection[],
): Promise<RebuildReport[]> {
  const { db, eventStore } = settings;
  const logger = settings.logger ?? defaultProjectionLogger();
  const batchEvents = settings.batchEvents ?? LIMITS.projections.rebuildBatchEvents;
  const holds: ExclusiveHold[] = [];
  const schemas = projections.map((p) => scratchSchema('rebuild', p.name));
  try {
    for (const p of projections) holds.push(await holdExclusive(settings.pool, p.name, settings.pauseWaitMs ?? LIMITS.projections.pauseWaitMs));
    const upTo = await eventStore.headPosition();
    logger.info({ projections: projections.map((p) => p.name), upTo: upTo && formatPosition(upTo) }, 'rebuild all: replaying into fresh tables');
    const unlogged = settings.unlogged ?? false;
    for (const [i, p] of projections.entries()) await cloneTables(db, p.tables, schemas[i]!, { unlogged });
    const applied = projections.map(() => 0);
    const matchers = projections.map((p) => matcher(p.filter));
    if (upTo) {
      const parked = await Promise.all(projections.map((p) => hasUnapplied(db, p.name)));
      let after: Position | null = null;
      let eventsRead = 0;
      // The next page is read while this one is applied (one read in flight: memory stays two pages).
      let next: Promise<RecordedEvent[]> = eventStore.readAll({ after, maxCount: batchEvents });
      for (;;) {
        settings.signal?.throwIfAborted();
        const read = await next;
        assertAscendingAfter(after, read);
        const page = read.filter((e) => comparePositions(e.position, upTo) <= 0);
        const last = read.length < batchEvents || page.length < read.length;
        if (page.length > 0) after = page[page.length - 1]!.position;
        if (!last) next = eventStore.readAll({ after, maxCount: batchEvents });
        const shares = await Promise.all(projections.map(async (p, i) => {
          const mine = page.filter((e) => matchers[i]!(e));
          if (!parked[i] || mine.length === 0) return mine;
          const left = await unappliedEventIds(db, p.name, mine.map((e) => e.id));
          return mine.filter((e) => !left.has(e.id));
        }));
        await applyPage(db, projections, schemas, shares, settings.parallel ?? true);
        shares.forEach((share, i) => (applied[i]! += share.length));
        eventsRead += page.length;
        if (page.length > 0) settings.onPageProgress?.({ eventsRead, position: after!, upTo });
        if (last) break;
      }
    }
    for (const [i, hold] of holds.entries()) if (!(await hold.stillHeld())) throw new MaintenanceLockLost(projections[i]!.name, 'rebuild');
    if (unlogged) await Promise.all(projections.map((p, i) => makeLogged(db, p.tables, schemas[i]!)));
    for (const [i, p] of projections.entries()) {
      await swapIn(db, p, schemas[i]!, upTo, applied[i]!);
      logger.info({ projection: p.name, eventsApplied: applied[i] }, 'rebuild: swapped in');
    }
    // The new tables' checksums for the report, concurrently (each a full scan; the pool bounds how many at once).
    return Promise.all(projections.map(async (p, i) => ({
      projection: p.name,
      position: upTo && formatPosition(upTo),
      eventsApplied: applied[i]!,
      archivedTo: archiveSchema(p.name),
      tables: await Promise.all(p.tables.map(async (table) => ({ table, checksum: await tableChecksum(db, 'public', table) }))),
    })));
  } finally {
    for (const schema of schemas) await dropSchema(db, schema);
    for (const hold of holds) await hold.release();
  }
}

/**
 * One page into every projection's scratch tables. Each projection in its own transaction, run
 * concurrently on the pool's connections: the database works on one projection's statements while
 * this process builds another's (the scratch tables are independent, and nothing is visible before
 * the swap, so there is nothing to keep atomic across projections). Or all in one transaction.
 */
async function applyPage(db: Kysely<any>, projections: readonly Projection[], schemas: readonly string[], shares: RecordedEvent[][], parallel: boolean): Promise<void> {
  const applyOne = async (trx: Transaction<any>, i: number) => {
    await sql`set local search_path to ${sql.id(schemas[i]!)}, public`.execute(trx);
    // Scratch tables are worthless until swapped in (that commit is synchronous): no need to wait for the WAL flush per page.
    await sql`set local synchronous_commit = off`.execute(trx);
    await projections[i]!.apply(trx, shares[i]!);
  };
  const busy = projections.map((_, i) => i).filter((i) => shares[i]!.length > 0);
  if (parallel) {
    await Promise.all(busy.map((i) => db.transaction().execute((trx) => applyOne(trx, i))));
  } else if (busy.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const i of busy) await applyOne(trx, i);
    });
  }
}

/** The store's filter semantics (any prefix, any type), in memory. */
export function matcher(filter: AllFilter | undefined): (event: RecordedEvent) => boolean {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes ? new Set(filter.eventTypes) : null;
  return (event) => (!prefixes || prefixes.some((prefix) => event.stream.startsWith(prefix))) && (!types || types.has(event.type));
}
