import type { ColumnType } from 'kysely';

// audit_stream: one row per event-store stream, for auditors (what exists, how much
// happened, when, and what came last). Migration 2026-11-21T18-14-projections; keyed (org, stream)
// since 2026-12-02T07-10-read-model-org-keys.
export interface AuditStreamTable {
  stream: string;
  category: string;
  org: string;
  /** Derived from the last revision (revisions are 0-based and gapless), so replays cannot inflate it. */
  event_count: ColumnType<number, string, string>;
  last_revision: ColumnType<number, string, string>;
  /** numeric(20,0), exact, as a decimal string. */
  last_commit_position: string;
  last_prepare_position: string;
  last_event_type: string;
  first_recorded_at: ColumnType<Date, string, string>;
  last_recorded_at: ColumnType<Date, string, string>;
}

export interface AuditStreamPartialDB {
  audit_stream: AuditStreamTable;
}
