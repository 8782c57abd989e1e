// Pure: what the process manager records for an order that needs its attribution decided.
import { attribute, influencerMayEarnAt, type AttributionOutcome, type CatalogView, type TouchForAttribution } from '@ledger/attribution';
import type { AttributionDecided, ConversionAttributed, OrderRecorded } from '@ledger/contracts';
import { calculateEarnings, calendarMonthOf, type MonthScope, type MonthToDate, type ReferralLookup } from '@ledger/ledger';
import type { AccrueEarning } from '@ledger/ledger';
import { earningIdOf } from '@ledger/ledger';

export interface AttributionPlan {
  /** On the order stream: the decision, attributed or not, with each earning's line allocations. */
  decision: AttributionDecided;
  /** On the order's conversion stream (ADR 0009); null when nobody is credited. */
  conversion: ConversionAttributed | null;
  /** One per earning (level 1, then referral levels), for the earning's own stream. */
  accruals: AccrueEarning[];
}

/** Who wins the order (the engine), before any ledger is read. */
export function attributeOrder(order: OrderRecorded, touches: readonly TouchForAttribution[], catalog: CatalogView): AttributionOutcome {
  return attribute({ order, touches, catalog });
}

/** Whose month an order counts towards: its winner's, in the winning campaign, in the order's currency and UTC month. */
export function monthScopeOf(order: OrderRecorded, winner: { influencerId: string; campaignId: string }): MonthScope {
  return { influencerId: winner.influencerId, campaignId: winner.campaignId, currency: order.currency, month: calendarMonthOf(order.occurredAt) };
}

export interface EarningsPlanInput {
  org: string;
  order: OrderRecorded;
  outcome: AttributionOutcome;
  catalog: CatalogView;
  /**
   * The winner's month-to-date in `scope` from the accruals recorded so far, leaving out those of
   * `excludingOrderId` (LedgerBooks.monthToDate: the month tally's last event).
   */
  winnerMonthToDate: (scope: MonthScope, excludingOrderId: string) => MonthToDate;
}

/**
 * The decision, the conversion and the accruals. Month-to-date leaves out earnings of this very
 * order: should an accrual ever exist without its decision (a non-atomic adapter), deciding again
 * computes the same amounts, and the accrual's deterministic id makes it a no-op.
 */
export function planEarnings(input: EarningsPlanInput): AttributionPlan {
  const { org, order, outcome, catalog } = input;
  if (!outcome.attributed) {
    return { decision: { orderId: order.orderId, attributed: false, reason: outcome.reason, earnings: [] }, conversion: null, accruals: [] };
  }
  const { winner } = outcome;
  const atMs = Date.parse(order.occurredAt);
  const monthToDate = input.winnerMonthToDate(monthScopeOf(order, winner), order.orderId);
  const referrals: ReferralLookup = (influencerId) => {
    const view = catalog.findInfluencer(influencerId);
    if (view === undefined) return undefined;
    return { ...(view.parentId === undefined ? {} : { parentId: view.parentId }), mayEarn: influencerMayEarnAt(view, atMs) };
  };
  const result = calculateEarnings({
    order: { orderId: order.orderId, channel: order.channel, currency: order.currency, lines: order.lines },
    influencerId: winner.influencerId,
    rules: winner.rules,
    monthToDate,
    referrals,
  });
  const earnings = result.earnings.map((e) => ({ ...e, earningId: earningIdOf(org, order.orderId, e.influencerId, e.level) }));
  const decision: AttributionDecided = {
    orderId: order.orderId,
    attributed: true,
    campaignId: winner.campaignId,
    influencerId: winner.influencerId,
    rulesVersion: winner.rulesVersion,
    // Credited but nothing earned (fully excluded, capped, …): the decision says why.
    ...(result.earned ? {} : { reason: result.reason }),
    earnings: earnings.map((e) => ({
      earningId: e.earningId,
      influencerId: e.influencerId,
      level: e.level,
      amount: { amount: e.amount.amount, currency: e.amount.currency },
      lineAllocations: e.lineAllocations.map((l) => ({ lineId: l.lineId, quantity: l.quantity, amount: l.amount })),
    })),
  };
  const conversion: ConversionAttributed = {
    orderId: order.orderId,
    campaignId: winner.campaignId,
    influencerId: winner.influencerId,
    rulesVersion: winner.rulesVersion,
    basis: winner.basis,
    assisted: outcome.assisted,
    commissionBase: result.commissionBase,
    occurredAt: order.occurredAt,
  };
  const accruals: AccrueEarning[] = earnings.map((e) => ({
    type: 'AccrueEarning',
    data: {
      earningId: e.earningId,
      influencerId: e.influencerId,
      campaignId: winner.campaignId,
      orderId: order.orderId,
      channel: order.channel,
      level: e.level,
      amount: e.amount,
      rulesVersion: winner.rulesVersion,
      calculation: e.calculation,
      occurredAt: order.occurredAt,
      sourceRef: order.sourceRef,
      holdDays: winner.rules.holdDays,
    },
  }));
  return { decision, conversion, accruals };
}
