// Commands on an earning's stream (earning-<org>.<earningId>, ADR 0009).
// Times arrive in the command; ids too (earning ids are deterministic in their cause).
import type { CampaignRules, Channel, EarningAccrued, EarningClawedBack, HoldKind } from '@ledger/contracts';
import type { Money } from '@ledger/kernel';
import type { RecordedCalculation } from '../earnings/recalculate-commission';

/** From the process manager when an order is attributed: accrue, and hold for `holdDays` at once. */
export type AccrueEarning = { type: 'AccrueEarning'; data: EarningAccrued & { holdDays: number } };

/** Finance or fraud review: keep the earning held until someone releases it (also past a period hold's end). */
export type PlaceHold = {
  type: 'PlaceHold';
  data: { earningId: string; kind: Exclude<HoldKind, 'period'>; reasonCode: string; note?: string; now: string };
};

/** Finance: end the hold now (early), whatever its kind — or, with `kind`, only a hold of that kind (a dispute ends its own hold). */
export type ReleaseHold = { type: 'ReleaseHold'; data: { earningId: string; reasonCode: string; note?: string; kind?: HoldKind; now: string } };

/** The scheduler (or earning/release-due): end every period hold whose `holdUntil` ≤ `asOf`. */
export type ReleaseDueHolds = { type: 'ReleaseDueHolds'; data: { asOf: string } };

/**
 * From the process manager (returns, cancellations) or fraud review: bring the earning's clawed-back
 * total up to `cumulative`. The increment is derived from the ledger's own state, so a caller that
 * computed it from a lagging view cannot claw back twice; a reference claws back once.
 */
export type ClawBack = {
  type: 'ClawBack';
  data: { earningId: string; cumulative: number; reference: EarningClawedBack['reference']; reasonCode?: string; occurredAt: string };
};

/** From payouts when an item is posted: settle the earning's payable balance (negative: a recovery). */
export type MarkEarningPaid = { type: 'MarkEarningPaid'; data: { earningId: string; payoutId: string; now: string } };

/** The rules a recalculation uses: the earning's recorded version, or the version in force now (applyCurrentTerms). */
export interface ModificationTerms {
  rulesVersion: number;
  rules: CampaignRules;
  recorded: RecordedCalculation;
}

/**
 * Finance (or a dispute's resolution): a new commission before the lock date — the amount itself, or a corrected
 * commission base recalculated with `terms`. `lockAt` = occurredAt + lockDays of the earning's rules.
 */
export type AdjustEarning = {
  type: 'AdjustEarning';
  data: {
    earningId: string; modificationId: string; change: { amount: Money } | { commissionBase: number; terms: ModificationTerms };
    applyCurrentTerms: boolean; lockAt: string; reasonCode: string; note?: string; disputeId?: string; now: string;
  };
};

/** Finance (or a dispute's re-attribution): claw back all that is left, before the lock date (reference kind `reversal`). */
export type ReverseEarning = {
  type: 'ReverseEarning';
  data: { earningId: string; modificationId: string; lockAt: string; reasonCode: string; note?: string; now: string };
};

/** A new payable earning of kind make_good on its own stream (`earningId` is new, deterministic in the modification). */
export type GrantMakeGood = {
  type: 'GrantMakeGood';
  data: {
    earningId: string; modificationId: string; influencerId: string; campaignId: string; amount: Money; rulesVersion: number;
    original?: { earningId: string; orderId: string; channel: Channel | ''; level: number }; disputeId?: string;
    reasonCode: string; note?: string; now: string;
  };
};

/** From payouts when a batch is created: lock the earning's balance to the batch's item (refused when locked elsewhere). */
export type FinalizeEarning = { type: 'FinalizeEarning'; data: { earningId: string; batchId: string; itemId: string; now: string } };

/** From payouts when the batch or the item is cancelled before payment: unlock. A no-op when not locked to that item. */
export type UnfinalizeEarning = { type: 'UnfinalizeEarning'; data: { earningId: string; batchId: string; itemId: string; reasonCode: string; now: string } };

/** From payouts when the provider returned the item's payment: what it settled is owed (payable) again. */
export type ReturnPayment = { type: 'ReturnPayment'; data: { earningId: string; batchId: string; itemId: string; reasonCode: string; now: string } };

export type EarningLedgerCommand = AccrueEarning | PlaceHold | ReleaseHold | ReleaseDueHolds | ClawBack | MarkEarningPaid
  | FinalizeEarning | UnfinalizeEarning | ReturnPayment | AdjustEarning | ReverseEarning | GrantMakeGood;
