import type { ColumnType } from 'kysely';

// dispute_case (migration 2026-12-02T10-10-disputes): one row per dispute, keyed (org, dispute_id).
type Timestamp = ColumnType<Date, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface DisputeHistoryEntry {
  type: string;
  by: string;
  role?: string;
  at: string;
  reasonCode?: string;
  note?: string;
}

export interface DisputeCaseTable {
  org: string;
  dispute_id: string;
  state: string;
  subject_kind: string;
  subject_id: string;
  influencer_id: string;
  earning_id: string | null;
  reason_code: string;
  description: string;
  evidence: Json<unknown[]>;
  respond_by: ColumnType<Date | null, string | null, string | null>;
  opened_by: string;
  held: boolean;
  resolution: ColumnType<unknown, string | null, string | null>;
  history: Json<DisputeHistoryEntry[]>;
  opened_at: Timestamp;
  updated_at: Timestamp;
  last_commit_position: string;
  last_prepare_position: string;
}

export interface DisputesPartialDB {
  dispute_case: DisputeCaseTable;
}
