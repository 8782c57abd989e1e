import type { ColumnType } from 'kysely';

// fraud_flag: one row per flag, open until a person reviews it. Migration 2026-12-02T10-50-fraud.
type Timestamp = ColumnType<Date, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export type FraudFlagRowState = 'open' | 'released' | 'reversed';

export interface FraudFlagTable {
  org: string;
  flag_id: string;
  rule: string;
  influencer_id: string;
  order_id: string | null;
  state: FraudFlagRowState;
  evidence: Json<Record<string, unknown>>;
  earning_ids: Json<string[]>;
  raised_at: Timestamp;
  raised_by: string;
  decision: string | null;
  reason_code: string | null;
  note: string | null;
  reviewed_at: NullableTimestamp;
  reviewed_by: string | null;
  reviewed_role: string | null;
  last_revision: ColumnType<number, string, string>;
  last_commit_position: string;
  last_prepare_position: string;
}

export interface FraudFlagPartialDB {
  fraud_flag: FraudFlagTable;
}
