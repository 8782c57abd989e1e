// Caps on the level-1 amount (commission + bonus): per order first, then per month.
import type { CampaignRules, EarningCalculation } from '@ledger/contracts';

export interface CapOutcome {
  amountMinor: number;
  cappedBy?: EarningCalculation['cappedBy'];
  /** Caps ignored because they are in another currency than the order's. */
  ignored: Array<'perOrder' | 'perMonth'>;
}

/**
 * A cap only binds in its own currency (no exchange rates in the domain); a cap in another currency is
 * ignored and reported, so the caller can surface it. `cappedBy` names the cap that set the final
 * amount. The monthly cap leaves what remains after this month's earlier earnings, never below 0.
 */
export function applyCaps(beforeCapMinor: number, caps: CampaignRules['caps'], currency: string, earnedThisMonthMinor: number): CapOutcome {
  const ignored: CapOutcome['ignored'] = [];
  let amountMinor = beforeCapMinor;
  let cappedBy: CapOutcome['cappedBy'];

  if (caps.perOrder !== undefined) {
    if (caps.perOrder.currency !== currency) ignored.push('perOrder');
    else if (amountMinor > caps.perOrder.amount) {
      amountMinor = caps.perOrder.amount;
      cappedBy = 'perOrder';
    }
  }
  if (caps.perMonth !== undefined) {
    const remainingMinor = Math.max(0, caps.perMonth.amount - earnedThisMonthMinor);
    if (caps.perMonth.currency !== currency) ignored.push('perMonth');
    else if (amountMinor > remainingMinor) {
      amountMinor = remainingMinor;
      cappedBy = 'perMonth';
    }
  }
  return cappedBy === undefined ? { amountMinor, ignored } : { amountMinor, cappedBy, ignored };
}
