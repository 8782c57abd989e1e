import type { ColumnType } from 'kysely';

// Tables of the `ledger_earning` projection (migration 2026-11-21T19-10-ledger; keys (org, earning_id) and
// (org, event_id) since 2026-12-02T07-10-read-model-org-keys). bigint money
// columns arrive as numbers (libs/db maps int8 to number; amounts stay far below 2^53);
// positions are numeric(20,0) and arrive as decimal strings.

type Timestamp = ColumnType<Date, string, string>;
type Json<T> = ColumnType<T, string, string>;

/**
 * A source the earning answers to: the order that accrued it, each return/cancellation/fraud decision/reversal that
 * clawed it back, each adjustment (`modification`), and for a make-good the original earning and the dispute behind it.
 */
export interface EarningReference {
  kind: 'order' | 'return' | 'cancellation' | 'fraud' | 'reversal' | 'modification' | 'original_earning' | 'dispute';
  id: string;
  sourceRef?: string;
  /** Clawed back for this reference, or an adjustment's delta (minor units); absent for the order. */
  amount?: number;
}

export interface LedgerEarningTable {
  earning_id: string;
  org: string;
  influencer_id: string;
  campaign_id: string;
  order_id: string;
  channel: string;
  level: number;
  currency: string;
  state: string;
  amount_minor: number;
  clawed_back_minor: number;
  paid_minor: number;
  pending_minor: number;
  held_minor: number;
  payable_minor: number;
  hold_kind: string | null;
  hold_reason_code: string | null;
  hold_until: ColumnType<Date | null, string | null, string | null>;
  rules_version: number;
  calculation: Json<unknown>;
  source_ref: string;
  refs: Json<EarningReference[]>;
  occurred_at: Timestamp;
  last_commit_position: string;
  last_prepare_position: string;
  /** `commission` | `make_good` (migration 2026-12-02T10-10-earning-modifications). */
  kind: ColumnType<string, string | undefined, string>;
  /** Sum of adjustment deltas: amount_minor − adjustments_minor was accrued. */
  adjustments_minor: ColumnType<number, number | undefined, number>;
  /** The payout batch and item the earning is locked to (EarningFinalized), and the locked balance; null when not locked. Migration 2026-12-02T10-00-payouts. */
  payout_batch_id: string | null;
  payout_item_id: string | null;
  finalized_minor: number | null;
}

export interface LedgerEarningTransitionTable {
  event_id: string;
  org: string;
  earning_id: string;
  influencer_id: string;
  type: string;
  from_state: string | null;
  to_state: string;
  amount_minor: number | null;
  currency: string;
  hold_kind: string | null;
  actor_id: string;
  role: string | null;
  reason_code: string | null;
  note: string | null;
  source_ref: string | null;
  reference: ColumnType<{ kind: string; id: string } | null, string | null, string | null>;
  cost_centre: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  at: Timestamp;
  recorded_at: Timestamp;
  commit_position: string;
  prepare_position: string;
}

export interface LedgerConversionTable {
  org: string;
  order_id: string;
  event_id: string;
  campaign_id: string;
  influencer_id: string;
  rules_version: number;
  basis: Json<unknown>;
  assisted: Json<unknown[]>;
  commission_base_minor: number;
  currency: string;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
}

export interface LedgerPartialDB {
  ledger_earning: LedgerEarningTable;
  ledger_earning_transition: LedgerEarningTransitionTable;
  ledger_conversion: LedgerConversionTable;
}
