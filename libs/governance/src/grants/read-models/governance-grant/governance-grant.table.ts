import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | null | undefined, string | null>;
/** numeric(20,0) event-store positions: exact, as decimal strings. */
type Numeric = ColumnType<string, string, string>;

// governance_grant: one row per grant. Migration 2026-12-02T10-30-governance.
export interface GovernanceGrantTable {
  org: string;
  grant_id: string;
  actor_id: string;
  role: string;
  /** In force from this instant (inclusive)… */
  valid_from: Timestamp;
  /** …until this one (exclusive); null: permanent. */
  valid_until: NullableTimestamp;
  granted_by: string;
  granted_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
  revoke_reason_code: string | null;
  created_commit_position: Numeric;
  created_prepare_position: Numeric;
}

export interface GovernanceGrantPartialDB {
  governance_grant: GovernanceGrantTable;
}
