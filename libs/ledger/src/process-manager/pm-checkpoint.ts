// The process manager's checkpoint, a row of projection_checkpoint (so /health-style tooling and
// the tests' settle() see it like any projection's), moved by compare-and-set. Libraries import
// only types from @ledger/projections (its registry imports the libraries), hence this small copy.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Position } from '@ledger/event-store';
import type { ProjectionCheckpointPartialDB } from '@ledger/projections';

type Db = Kysely<ProjectionCheckpointPartialDB>;

/** Another instance moved the checkpoint since we read it; our appends were no-ops or will be. */
export class PmCheckpointMoved extends Error {
  constructor(readonly checkpoint: string) {
    super(`checkpoint ${checkpoint} moved under us`);
    this.name = 'PmCheckpointMoved';
  }
}

export async function loadPmCheckpoint(db: Db, name: string): Promise<Position | null> {
  await db.insertInto('projection_checkpoint').values({ name }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('projection_checkpoint').select(['commit_position', 'prepare_position']).where('name', '=', name).limit(1).executeTakeFirstOrThrow();
  if (row.commit_position === null || row.prepare_position === null) return null;
  return { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) };
}

/** Moves the checkpoint from `expected` to `next` (one compare-and-set UPDATE, its own transaction), or throws PmCheckpointMoved. */
export async function movePmCheckpoint(db: Db, name: string, expected: Position | null, next: Position, events: number): Promise<void> {
  const result = await db
    .updateTable('projection_checkpoint')
    .set({
      commit_position: next.commit.toString(),
      prepare_position: next.prepare.toString(),
      events_applied: sql<number>`events_applied + ${events}`,
      updated_at: sql<string>`now()`,
    })
    .where('name', '=', name)
    .where('commit_position', 'is not distinct from', expected ? expected.commit.toString() : null)
    .where('prepare_position', 'is not distinct from', expected ? expected.prepare.toString() : null)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new PmCheckpointMoved(name);
}

/** Two int4 advisory-lock keys: a namespace of our own and a hash of the name. */
export function pmLockKey(name: string): number {
  return createHash('sha256').update(`process-manager:${name}`).digest().readInt32BE(0);
}
