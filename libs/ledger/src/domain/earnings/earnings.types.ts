// Inputs and result of the earnings calculator.
import type { CampaignRules, Channel, EarningCalculation, OrderLine } from '@ledger/contracts';
import type { Money } from '@ledger/kernel';
import type { LineBase } from './commission-base';
import type { LineAllocation } from './line-allocation';
import type { MonthToDate } from './month-to-date';
import type { ReferralLookup } from './referral-chain';

export interface OrderForEarnings {
  orderId: string;
  channel: Channel;
  currency: string;
  lines: readonly OrderLine[];
}

export interface EarningsInput {
  order: OrderForEarnings;
  /** The attribution winner: level 1. */
  influencerId: string;
  /** The rules version the attribution chose (in force at the order's time). */
  rules: CampaignRules;
  /** The winner's month so far in this campaign and currency, before this order. */
  monthToDate: MonthToDate;
  referrals: ReferralLookup;
}

export interface CalculatedEarning {
  influencerId: string;
  level: number;
  amount: Money;
  calculation: EarningCalculation;
  /** Sums exactly to amount; the basis of per-line clawbacks. */
  lineAllocations: LineAllocation[];
}

export type NoEarningReason =
  /** No line has a positive base (all excluded, fully discounted, or no lines): nothing to earn on or allocate to. */
  | 'zero_commission_base'
  | 'fixed_currency_mismatch'
  | 'no_tier_reached'
  /** A cap brought the amount to 0 (typically the monthly cap is used up). */
  | 'cap_reached'
  /** The rule computed 0, e.g. a percent of a tiny base rounds to 0. */
  | 'zero_amount';

/** Parts of the rules that did not apply because their money is in another currency than the order's. */
export type IgnoredForCurrency = 'cap_per_order' | 'cap_per_month' | 'bonus';

interface EarningsResultCommon {
  commissionBase: Money;
  lines: LineBase[];
  ignoredForCurrency: IgnoredForCurrency[];
}

export type EarningsResult = EarningsResultCommon &
  (
    | { earned: true; /** Level 1 first, then referral levels ascending. */ earnings: CalculatedEarning[] }
    | { earned: false; reason: NoEarningReason; earnings: [] }
  );
