// The influencer's month so far, which tiers, threshold bonuses and monthly caps depend on.
import type { EarningAccrued, EarningsMonthTallied, MonthTotals } from '@ledger/contracts';
import { assert } from '@ledger/kernel';

/**
 * For one influencer, campaign and currency, in the calendar month (UTC) of the order, before it.
 * Counts level-1 earnings as accrued: clawbacks do not un-tier a month (a return must not move a
 * tier boundary under orders already attributed).
 */
export interface MonthToDate {
  orders: number;
  revenueMinor: number;
  earnedMinor: number;
  /** A threshold bonus was already paid this month. */
  bonusPaid: boolean;
}

export const EMPTY_MONTH: MonthToDate = { orders: 0, revenueMinor: 0, earnedMinor: 0, bonusPaid: false };

/** `YYYY-MM` of an ISO time, in UTC, so the month of an order does not depend on its offset's zone. */
export function calendarMonthOf(iso: string): string {
  const ms = Date.parse(iso);
  assert(Number.isFinite(ms), `not an ISO 8601 time: ${iso}`);
  return new Date(ms).toISOString().slice(0, 7);
}

export interface MonthScope {
  influencerId: string;
  campaignId: string;
  currency: string;
  /** `YYYY-MM`, from calendarMonthOf(order.occurredAt). */
  month: string;
}

/** Folds the influencer's earlier earnings into the month-to-date figures of `scope`. */
export function monthToDateOf(earlier: readonly EarningAccrued[], scope: MonthScope): MonthToDate {
  let figures = EMPTY_MONTH;
  for (const earning of earlier) {
    const inScope =
      earning.level === 1 &&
      earning.influencerId === scope.influencerId &&
      earning.campaignId === scope.campaignId &&
      earning.amount.currency === scope.currency &&
      calendarMonthOf(earning.occurredAt) === scope.month;
    if (!inScope) continue;
    figures = {
      orders: figures.orders + 1,
      revenueMinor: figures.revenueMinor + earning.calculation.commissionBase,
      earnedMinor: figures.earnedMinor + earning.amount.amount,
      bonusPaid: figures.bonusPaid || (earning.calculation.bonus ?? 0) > 0,
    };
  }
  return figures;
}

// ── the month tally stream (ADR 0009) ───────────────────────────────────────
// Month-to-date is kept as running totals on a stream per (influencer, campaign, currency, month):
// each level-1 accrual appends the totals before and after it, so the figures are the stream's last
// event, whatever the month's volume.

export const EMPTY_TOTALS: MonthTotals = { orders: 0, revenueMinor: 0, earnedMinor: 0, bonuses: 0 };

/** The month-to-date of `scope` from the tally's last event, leaving out `excludingOrderId` when it is that order's. */
export function monthToDateFromTally(last: EarningsMonthTallied | null, excludingOrderId?: string): MonthToDate {
  if (last === null) return EMPTY_MONTH;
  // The last tally is this order's only when its accrual landed and its decision did not (a non-atomic
  // store): deciding it again must see the month without it, as the first time.
  const totals = last.orderId === excludingOrderId ? last.before : last.after;
  return { orders: totals.orders, revenueMinor: totals.revenueMinor, earnedMinor: totals.earnedMinor, bonusPaid: totals.bonuses > 0 };
}

/** The tally event that counts a level-1 earning into its month, after `last` (null: the month's first). */
export function tallyOf(last: EarningsMonthTallied | null, earning: EarningAccrued): EarningsMonthTallied {
  assert(earning.level === 1, `only level-1 earnings count towards the month (earning ${earning.earningId})`);
  const month = calendarMonthOf(earning.occurredAt);
  if (last !== null) {
    assert(
      last.influencerId === earning.influencerId && last.campaignId === earning.campaignId && last.currency === earning.amount.currency && last.month === month,
      `earning ${earning.earningId} tallied into another month's stream`,
    );
  }
  const before = last?.after ?? EMPTY_TOTALS;
  const after: MonthTotals = {
    orders: before.orders + 1,
    revenueMinor: before.revenueMinor + earning.calculation.commissionBase,
    earnedMinor: before.earnedMinor + earning.amount.amount,
    bonuses: before.bonuses + ((earning.calculation.bonus ?? 0) > 0 ? 1 : 0),
  };
  return {
    influencerId: earning.influencerId,
    campaignId: earning.campaignId,
    currency: earning.amount.currency,
    month,
    orderId: earning.orderId,
    earningId: earning.earningId,
    before: { ...before },
    after,
  };
}
