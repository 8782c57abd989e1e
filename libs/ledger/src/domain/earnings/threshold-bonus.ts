// The threshold bonus: once per influencer, campaign and month, with the first order at or past it.
import type { ThresholdBonus } from '@ledger/contracts';
import type { BasisIncludingOrder } from './commission-rule';

export interface BonusOutcome {
  bonusMinor: number;
  /** Bonuses skipped because their amount is in another currency than the order's. */
  skippedForCurrency: number;
}

/**
 * "Reached and not yet paid" rather than "crossed by this order": if the order that crossed the
 * threshold earned nothing (say every line was excluded), the next earning order pays it. One bonus
 * per month: the month-to-date figures only know whether one was paid, so when several bonuses are
 * configured, the first reached in the rules' order is paid and the others wait for next month.
 */
export function thresholdBonusOf(
  bonuses: readonly ThresholdBonus[],
  currency: string,
  basis: BasisIncludingOrder,
  bonusAlreadyPaid: boolean,
): BonusOutcome {
  if (bonusAlreadyPaid) return { bonusMinor: 0, skippedForCurrency: 0 };
  let skippedForCurrency = 0;
  for (const bonus of bonuses) {
    const reached = (bonus.basis === 'orders' ? basis.orders : basis.revenueMinor) >= bonus.threshold;
    if (!reached) continue;
    if (bonus.amount.currency !== currency) {
      skippedForCurrency += 1;
      continue;
    }
    return { bonusMinor: bonus.amount.amount, skippedForCurrency };
  }
  return { bonusMinor: 0, skippedForCurrency };
}
