import type { ColumnType } from 'kysely';

// projection_checkpoint: where each projection is in $all (migration 2026-11-21T18-14-projections).
// Positions are numeric(20,0) and travel as decimal strings, never through a JS number.
export interface ProjectionCheckpointTable {
  name: string;
  commit_position: string | null;
  prepare_position: string | null;
  events_applied: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, string | undefined, string>;
}

export interface ProjectionCheckpointPartialDB {
  projection_checkpoint: ProjectionCheckpointTable;
}
