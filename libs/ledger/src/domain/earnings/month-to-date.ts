// The influencer's month so far, which tiers, threshold bonuses and monthly caps depend on.
import type { EarningAccrued } from '@ledger/contracts';
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
