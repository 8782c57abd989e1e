import type { AppliedEventColumns, Json, Timestamp } from '../../../shared/columns';
import type { RegisteredStatus } from '../../../domain';

// program_influencer: one row per registered influencer profile. Migration 2026-11-21T19-12-programs.
export interface ProgramInfluencerTable extends AppliedEventColumns {
  org: string;
  influencer_id: string;
  name: string;
  email: string;
  customer_refs: Json<string[]>;
  tier: string | null;
  parent_id: string | null;
  status: RegisteredStatus;
  /** Reason code of the last suspension, reactivation or termination. */
  status_reason: string | null;
  registered_at: Timestamp;
  status_changed_at: Timestamp;
}

export interface ProgramInfluencerPartialDB {
  program_influencer: ProgramInfluencerTable;
}
