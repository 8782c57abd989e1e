import type { ColumnType } from 'kysely';

// Table of the `statement_statement` projection (migration 2026-12-02T10-20-statements).
type Timestamp = ColumnType<Date, string, string>;

export interface StatementStatementTable {
  org: string;
  statement_id: string;
  number: string;
  seq: number;
  influencer_id: string;
  currency: string;
  period_start: Timestamp;
  period_end: Timestamp;
  issued_at: Timestamp;
  cutoff_commit_position: string | null;
  cutoff_prepare_position: string | null;
  /** The answer's JSON text, written once from StatementIssued (statementText). */
  body: string;
}

export interface StatementStatementPartialDB {
  statement_statement: StatementStatementTable;
}
