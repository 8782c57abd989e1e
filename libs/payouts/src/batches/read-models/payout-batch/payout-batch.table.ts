import type { ColumnType } from 'kysely';
import type { PayoutDestination, PayoutSkipReason } from '@ledger/contracts';

// payout_batch and payout_item (migration 2026-12-02T10-00-payouts): the batches as get/list show them.
type Timestamp = ColumnType<Date, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface PayoutBatchTable {
  org: string;
  batch_id: string;
  currency: string;
  as_of: Timestamp;
  created_by: string;
  created_at: Timestamp;
  /** What people decided: scheduled | approved | cancelled | executing. */
  phase: string;
  /** What the batch shows: the phase, or once executing what its items say (executing | paid | partially_paid). */
  state: string;
  approved_by: string | null;
  approved_role: string | null;
  approved_at: NullableTimestamp;
  cancel_reason: string | null;
  total_minor: number;
  items: number;
  skipped: Json<Array<{ influencerId: string; reason: PayoutSkipReason }>>;
  skipped_count: number;
  /** The batch stream's revision last applied: an event at or below it is a replay. */
  last_revision: ColumnType<number, string, string>;
}

export interface PayoutItemTable {
  org: string;
  batch_id: string;
  item_id: string;
  seq: number;
  influencer_id: string;
  currency: string;
  state: string;
  gross_minor: number;
  recovered_minor: number;
  amount_minor: number;
  earnings: Json<Array<{ earningId: string; amount: number }>>;
  destination: Json<PayoutDestination>;
  attempts: number;
  provider_ref: string | null;
  failure_code: string | null;
  failure_message: string | null;
  reason_code: string | null;
}

export interface PayoutPartialDB {
  payout_batch: PayoutBatchTable;
  payout_item: PayoutItemTable;
}
