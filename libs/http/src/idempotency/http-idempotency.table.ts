import type { ColumnType } from 'kysely';

/** One row per (org, Idempotency-Key): the first request's hash and, once done, its answer. */
export interface HttpIdempotencyTable {
  org: string;
  key: string;
  request_hash: string;
  /** 'pending' while the first request runs; 'completed' once its answer is stored. */
  state: 'pending' | 'completed';
  /** HTTP status of the stored answer; null while pending. */
  status: number | null;
  response: unknown;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  completed_at: Date | null;
  /** Random token of the request holding the pending claim: only it may complete or release the row. */
  owner: string | null;
}

export interface HttpIdempotencyPartialDB {
  http_idempotency: HttpIdempotencyTable;
}
