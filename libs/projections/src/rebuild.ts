import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import { LIMITS } from '@ledger/kernel';
import { formatPosition, type EventStore, type Position } from '@ledger/event-store';
import { holdExclusive, type ExclusiveHold } from './advisory-locks';
import { loadCheckpoint } from './checkpoint';
import { tableChecksum } from './checksum';
import { defaultProjectionLogger, type ProjectionLogger } from './logger';
import type { Projection } from './projection';
import { replayInto, type ReplayBounds } from './replay';
import { archiveSchema, cloneTables, dropSchema, scratchSchema, swapIn } from './schema-swap';

export interface MaintenanceSettings extends ReplayBounds {
  db: Kysely<any>;
  /** Its settings open the connection that holds the projection's locks. */
  pool: Pool;
  eventStore: EventStore;
  logger?: ProjectionLogger;
  batchEvents?: number;
  pauseWaitMs?: number;
}

export interface RebuildReport {
  projection: string;
  /** Where the swapped-in tables are (wire form), null for an empty store. */
  position: string | null;
  eventsApplied: number;
  archivedTo: string;
  tables: { table: string; checksum: string }[];
}

export interface VerifyReport {
  projection: string;
  checkpoint: string | null;
  equal: boolean;
  tables: { table: string; live: string; rebuilt: string; equal: boolean }[];
}

export class MaintenanceLockLost extends Error {
  readonly code = 'PROJECTIONS.LOCK_LOST';
  constructor(projection: string, what: string) {
    super(`projection ${projection}: lost its lock during ${what}; the live instance may have resumed, run it again`);
    this.name = 'MaintenanceLockLost';
  }
}

/**
 * Blue/green rebuild: with the live projection paused (its lock held here), replay every
 * event up to the current head into fresh copies of its tables, then swap them in with the
 * checkpoint in one transaction. The live instance resumes from there when we release.
 * The previous tables stay in projection_archive_<name> until the next rebuild.
 */
export async function rebuildProjection(settings: MaintenanceSettings, projection: Projection): Promise<RebuildReport> {
  const { db, eventStore } = settings;
  const logger = settings.logger ?? defaultProjectionLogger();
  const schema = scratchSchema('rebuild', projection.name);
  return withExclusiveHold(settings, projection, async (hold) => {
    const upTo = await eventStore.headPosition();
    logger.info({ projection: projection.name, upTo: upTo && formatPosition(upTo) }, 'rebuild: replaying into fresh tables');
    await cloneTables(db, projection.tables, schema);
    try {
      const replay = await replayInto(replaySettings(settings), projection, schema, upTo);
      if (!(await hold.stillHeld())) throw new MaintenanceLockLost(projection.name, 'rebuild');
      await swapIn(db, projection, schema, replay.position, replay.eventsApplied);
      const position = replay.position && formatPosition(replay.position);
      const archivedTo = archiveSchema(projection.name);
      logger.info({ projection: projection.name, position, eventsApplied: replay.eventsApplied, archivedTo }, 'rebuild: swapped in');
      const tables = [];
      for (const table of projection.tables) tables.push({ table, checksum: await tableChecksum(db, 'public', table) });
      return { projection: projection.name, position, eventsApplied: replay.eventsApplied, archivedTo, tables };
    } finally {
      await dropSchema(db, schema); // already gone after a swap; a failed attempt leaves nothing behind
    }
  });
}

/**
 * Verify: with the live projection paused, replay up to exactly its checkpoint into scratch
 * tables and compare a checksum per table. Live tables are never touched.
 */
export async function verifyProjection(settings: MaintenanceSettings, projection: Projection): Promise<VerifyReport> {
  const { db } = settings;
  const logger = settings.logger ?? defaultProjectionLogger();
  const schema = scratchSchema('verify', projection.name);
  return withExclusiveHold(settings, projection, async (hold) => {
    const checkpoint: Position | null = await loadCheckpoint(db, projection.name);
    await cloneTables(db, projection.tables, schema);
    try {
      await replayInto(replaySettings(settings), projection, schema, checkpoint);
      const tables = [];
      for (const table of projection.tables) {
        const live = await tableChecksum(db, 'public', table);
        const rebuilt = await tableChecksum(db, schema, table);
        tables.push({ table, live, rebuilt, equal: live === rebuilt });
      }
      // Live tables only stay still while we hold the lock; if it went, the comparison proves nothing.
      if (!(await hold.stillHeld())) throw new MaintenanceLockLost(projection.name, 'verify');
      const report = {
        projection: projection.name,
        checkpoint: checkpoint && formatPosition(checkpoint),
        equal: tables.every((t) => t.equal),
        tables,
      };
      (report.equal ? logger.info : logger.warn).call(logger, { ...report }, report.equal ? 'verify: equal' : 'verify: DIFFERENT');
      return report;
    } finally {
      await dropSchema(db, schema);
    }
  });
}

async function withExclusiveHold<T>(settings: MaintenanceSettings, projection: Projection, work: (hold: ExclusiveHold) => Promise<T>): Promise<T> {
  const hold = await holdExclusive(settings.pool, projection.name, settings.pauseWaitMs ?? LIMITS.projections.pauseWaitMs);
  try {
    return await work(hold);
  } finally {
    await hold.release();
  }
}

function replaySettings(settings: MaintenanceSettings) {
  return {
    db: settings.db,
    eventStore: settings.eventStore,
    batchEvents: settings.batchEvents ?? LIMITS.projections.rebuildBatchEvents,
    ...(settings.signal ? { signal: settings.signal } : {}),
    ...(settings.maxEvents !== undefined ? { maxEvents: settings.maxEvents } : {}),
    ...(settings.onProgress ? { onProgress: settings.onProgress } : {}),
  };
}
