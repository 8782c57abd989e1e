import { sql, type Kysely, type Transaction } from 'kysely';
import type { Position } from '@ledger/event-store';
import type { ProjectionCheckpointPartialDB } from './projection-checkpoint.table';

// Checkpoint rows: read, compare-and-set inside a batch transaction, and set by a rebuild's swap.

type Db = Kysely<ProjectionCheckpointPartialDB> | Transaction<ProjectionCheckpointPartialDB>;

export interface StoredCheckpoint {
  name: string;
  position: Position | null;
  eventsApplied: number;
  updatedAt: string;
}

/** Another writer moved the checkpoint since we read it: the batch was rolled back; reload and go on. */
export class CheckpointConflict extends Error {
  readonly code = 'PROJECTIONS.CHECKPOINT_CONFLICT';
  constructor(readonly projection: string, readonly expected: Position | null) {
    super(`projection ${projection}: checkpoint is no longer ${expected ? `${expected.commit}-${expected.prepare}` : 'empty'}`);
    this.name = 'CheckpointConflict';
  }
}

/** Creates the row (empty: from the start) if it is missing; never touches an existing one. */
export async function ensureCheckpoint(db: Db, name: string): Promise<void> {
  await db.insertInto('projection_checkpoint').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
}

export async function loadCheckpoints(db: Db, names: readonly string[]): Promise<Map<string, StoredCheckpoint>> {
  const found = new Map<string, StoredCheckpoint>();
  if (names.length === 0) return found;
  const rows = await db
    .selectFrom('projection_checkpoint')
    .select(['name', 'commit_position', 'prepare_position', 'events_applied', 'updated_at'])
    .where('name', 'in', [...names])
    .limit(names.length)
    .execute();
  for (const row of rows) {
    found.set(row.name, {
      name: row.name,
      position: toPosition(row.commit_position, row.prepare_position),
      eventsApplied: Number(row.events_applied),
      updatedAt: new Date(row.updated_at).toISOString(),
    });
  }
  return found;
}

export async function loadCheckpoint(db: Db, name: string): Promise<Position | null> {
  return (await loadCheckpoints(db, [name])).get(name)?.position ?? null;
}

/** The checkpoint, creating its row first if missing (without a row every compare-and-set would fail). */
export async function loadOrCreateCheckpoint(db: Db, name: string): Promise<Position | null> {
  const found = (await loadCheckpoints(db, [name])).get(name);
  if (found) return found.position;
  await ensureCheckpoint(db, name);
  return loadCheckpoint(db, name);
}

/**
 * Moves the checkpoint from `expected` to `next`, or throws CheckpointConflict when the row no
 * longer holds `expected` (another instance got there first). A projection runs it first in its
 * batch transaction: the row lock it takes serialises any two writers of this projection, so the
 * loser waits, sees 0 rows, and applies nothing. A process manager, whose appends are their own
 * transactions, runs it alone afterwards (one statement).
 */
export async function compareAndSetCheckpoint(
  trx: Db,
  name: string,
  expected: Position | null,
  next: Position,
  eventsApplied: number,
): Promise<void> {
  const result = await trx
    .updateTable('projection_checkpoint')
    .set({
      commit_position: next.commit.toString(),
      prepare_position: next.prepare.toString(),
      events_applied: sql<number>`events_applied + ${eventsApplied}`,
      updated_at: sql<string>`now()`,
    })
    .where('name', '=', name)
    .where('commit_position', 'is not distinct from', expected ? expected.commit.toString() : null)
    .where('prepare_position', 'is not distinct from', expected ? expected.prepare.toString() : null)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new CheckpointConflict(name, expected);
}

/** Reads the checkpoint and locks its row until the transaction ends (a swap's first statement). */
export async function lockCheckpoint(trx: Transaction<ProjectionCheckpointPartialDB>, name: string): Promise<Position | null> {
  const row = await trx
    .selectFrom('projection_checkpoint')
    .select(['commit_position', 'prepare_position'])
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();
  return row ? toPosition(row.commit_position, row.prepare_position) : null;
}

/** Sets the checkpoint unconditionally (a rebuild's swap: the swapped-in tables are at `position`). */
export async function setCheckpoint(
  trx: Transaction<ProjectionCheckpointPartialDB>,
  name: string,
  position: Position | null,
  eventsApplied: number,
): Promise<void> {
  const values = {
    name,
    commit_position: position ? position.commit.toString() : null,
    prepare_position: position ? position.prepare.toString() : null,
    events_applied: eventsApplied,
  };
  await trx
    .insertInto('projection_checkpoint')
    .values(values)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        commit_position: values.commit_position,
        prepare_position: values.prepare_position,
        events_applied: values.events_applied,
        updated_at: sql<string>`now()`,
      }),
    )
    .execute();
}

function toPosition(commit: string | null, prepare: string | null): Position | null {
  if (commit === null || prepare === null) return null;
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}
