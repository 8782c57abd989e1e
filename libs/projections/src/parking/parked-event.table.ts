import type { ColumnType, Generated } from 'kysely';

// parked_event (migration 2026-12-02T05-40-parked-events): what a consumer could not process.
// int8 and numeric travel as strings (pg); positions never go through a JS number.
export type ParkedKind = 'failed' | 'refused' | 'blocked';
export type ParkedStatus = 'parked' | 'retry_requested' | 'resolved' | 'skipped';

/** Statuses that still wait for something: they make /health degraded and block their stream. */
export const OPEN_STATUSES: readonly ParkedStatus[] = ['parked', 'retry_requested'];

export interface ParkedEventTable {
  id: Generated<string>;
  consumer: string;
  org: string;
  stream: string;
  stream_revision: string | null;
  commit_position: string | null;
  prepare_position: string | null;
  event_id: string;
  event_type: string;
  kind: ParkedKind;
  status: ColumnType<ParkedStatus, ParkedStatus | undefined, ParkedStatus>;
  error_code: string | null;
  error_message: string;
  source: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  first_seen: ColumnType<Date, string | undefined, string>;
  last_seen: ColumnType<Date, string | undefined, string>;
  resolved_at: ColumnType<Date | null, string | null | undefined, string | null>;
  skipped_by: string | null;
  skip_reason: string | null;
}

export interface ParkedEventPartialDB {
  parked_event: ParkedEventTable;
}
