import type { ColumnType } from 'kysely';

// Tables of the `statement_lines` projection (migration 2026-12-02T10-20-statements). bigint money columns
// arrive as numbers (libs/db maps int8); positions are numeric(20,0) and arrive as decimal strings.
type Timestamp = ColumnType<Date, string, string>;

export interface StatementEarningTable {
  org: string;
  earning_id: string;
  influencer_id: string;
  currency: string;
  order_id: string | null;
  source_ref: string | null;
  state: string;
  net_minor: number;
  paid_minor: number;
  last_commit_position: string;
  last_prepare_position: string;
}

export interface StatementLineTable {
  org: string;
  event_id: string;
  earning_id: string;
  influencer_id: string;
  currency: string;
  kind: string;
  at: Timestamp;
  /** `at` as the event spelt it, normalised: the text the statement line carries. */
  at_iso: string;
  recorded_at: Timestamp;
  commit_position: string;
  prepare_position: string;
  amount_minor: number;
  owed_delta_minor: number;
  payable_delta_minor: number;
  order_id: string | null;
  source_ref: string | null;
  note: string | null;
}

export interface StatementLinesPartialDB {
  statement_earning: StatementEarningTable;
  statement_line: StatementLineTable;
}
