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

/**
 * monthToDateOf kept incrementally: each earning is classified once when added (its UTC month
 * computed once), so asking for an order's month-to-date costs O(1) (plus the order's own earnings
 * when it must be left out) instead of a pass over every earlier earning of the influencer.
 * `of(scope, excludingOrderId)` equals `monthToDateOf(added.filter((e) => e.orderId !== excludingOrderId), scope)`.
 */
export class MonthToDateTally {
  private readonly months = new Map<string, TalliedMonth>();

  constructor(earnings: Iterable<EarningAccrued> = []) {
    for (const earning of earnings) this.add(earning);
  }

  add(earning: EarningAccrued): void {
    this.count(earning, 1);
  }

  /** Takes back an earlier add of this earning (its append failed): sums and counts, so exact. */
  remove(earning: EarningAccrued): void {
    this.count(earning, -1);
  }

  private count(earning: EarningAccrued, sign: 1 | -1): void {
    if (earning.level !== 1) return;
    const key = tallyKey(earning.influencerId, earning.campaignId, earning.amount.currency, calendarMonthOf(earning.occurredAt));
    let totals = this.months.get(key);
    if (totals === undefined) {
      totals = { all: emptyTotals(), byOrder: new Map() };
      this.months.set(key, totals);
    }
    addTo(totals.all, earning, sign);
    let ofOrder = totals.byOrder.get(earning.orderId);
    if (ofOrder === undefined) {
      ofOrder = emptyTotals();
      totals.byOrder.set(earning.orderId, ofOrder);
    }
    addTo(ofOrder, earning, sign);
    assert(totals.all.orders >= 0 && ofOrder.orders >= 0, `month-to-date removed earning ${earning.earningId} it never added`);
  }

  of(scope: MonthScope, excludingOrderId?: string): MonthToDate {
    const totals = this.months.get(tallyKey(scope.influencerId, scope.campaignId, scope.currency, scope.month));
    if (totals === undefined) return EMPTY_MONTH;
    const all = totals.all;
    const own = excludingOrderId === undefined ? undefined : totals.byOrder.get(excludingOrderId);
    if (own === undefined) return { orders: all.orders, revenueMinor: all.revenueMinor, earnedMinor: all.earnedMinor, bonusPaid: all.bonuses > 0 };
    return {
      orders: all.orders - own.orders,
      revenueMinor: all.revenueMinor - own.revenueMinor,
      earnedMinor: all.earnedMinor - own.earnedMinor,
      bonusPaid: all.bonuses - own.bonuses > 0,
    };
  }
}

interface Totals {
  orders: number;
  revenueMinor: number;
  earnedMinor: number;
  /** How many of the earnings carried a bonus (a count, so leaving an order out stays exact). */
  bonuses: number;
}

interface TalliedMonth {
  all: Totals;
  byOrder: Map<string, Totals>;
}

function emptyTotals(): Totals {
  return { orders: 0, revenueMinor: 0, earnedMinor: 0, bonuses: 0 };
}

function addTo(totals: Totals, earning: EarningAccrued, sign: 1 | -1): void {
  totals.orders += sign;
  totals.revenueMinor += sign * earning.calculation.commissionBase;
  totals.earnedMinor += sign * earning.amount.amount;
  if ((earning.calculation.bonus ?? 0) > 0) totals.bonuses += sign;
}

function tallyKey(influencerId: string, campaignId: string, currency: string, month: string): string {
  return JSON.stringify([influencerId, campaignId, currency, month]);
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
