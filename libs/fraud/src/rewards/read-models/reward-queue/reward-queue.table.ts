import type { ColumnType } from 'kysely';

// The reward queue (seed 004): one candidate per earning, with the side tables its events need.
// Migration 2026-12-02T10-50-fraud. bigint arrives as number (libs/db), positions as decimal strings.
type Timestamp = ColumnType<Date, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export const REWARD_STATUSES = ['needs_approval', 'flagged', 'disputed', 'approved', 'paid', 'held', 'clawed_back'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

export interface RewardDispute {
  disputeId: string;
  state: string;
}

export interface RewardApproval {
  batchId: string;
  approvedBy: string;
  role: string | null;
  approvedAt: string;
}

export interface RewardCandidateTable {
  org: string;
  earning_id: string;
  influencer_id: string;
  campaign_id: string;
  order_id: string;
  level: number;
  channel: string;
  currency: string;
  amount_minor: number;
  clawed_back_minor: number;
  paid_minor: number;
  earning_state: string;
  hold_kind: string | null;
  source_ref: string;
  rules_version: number;
  flag_ids: Json<string[]>;
  open_flag_ids: Json<string[]>;
  dispute: NullableJson<RewardDispute>;
  batch_id: string | null;
  approval: NullableJson<RewardApproval>;
  payout_id: string | null;
  paid_at: NullableTimestamp;
  status: RewardStatus;
  occurred_at: Timestamp;
  last_commit_position: string;
  last_prepare_position: string;
}

export interface RewardOrderTable {
  org: string;
  order_id: string;
  customer_ref: string | null;
  order_occurred_at: NullableTimestamp;
  basis: NullableJson<Record<string, unknown>>;
  fraud_check: NullableJson<Record<string, unknown>>;
}

export interface RewardFlagTable {
  org: string;
  flag_id: string;
  earning_ids: Json<string[]>;
}

export interface RewardDisputeTable {
  org: string;
  dispute_id: string;
  earning_id: string;
}

export interface RewardBatchTable {
  org: string;
  batch_id: string;
  approval: NullableJson<RewardApproval>;
}

export interface RewardQueuePartialDB {
  reward_candidate: RewardCandidateTable;
  reward_order: RewardOrderTable;
  reward_flag: RewardFlagTable;
  reward_dispute: RewardDisputeTable;
  reward_batch: RewardBatchTable;
}
