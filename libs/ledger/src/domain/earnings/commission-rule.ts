// The commission an earnings rule gives on an order's base, before bonus and caps.
import type { EarningCalculation, EarningsRule } from '@ledger/contracts';
import { applyBps, assertNever } from '@ledger/kernel';

/** The month-to-date basis including this order, which tiers are chosen by. */
export interface BasisIncludingOrder {
  orders: number;
  revenueMinor: number;
}

type RuleFields = Pick<EarningCalculation, 'basis' | 'rateBps' | 'fixedAmount' | 'tier'>;

export type CommissionOutcome =
  | { kind: 'commission'; commissionMinor: number; fields: RuleFields }
  /** The rule pays nothing on this order, for a reason worth recording. */
  | { kind: 'no_commission'; reason: 'fixed_currency_mismatch' | 'no_tier_reached'; fields: RuleFields };

/**
 * `percent`: base × rate, rounded half away from zero. `fixed`: the amount per order, only in its own
 * currency — there is no exchange rate in the domain, so a fixed amount in another currency pays
 * nothing rather than a wrong amount. `tiered`: the rate of the highest tier whose `from` ≤ the basis
 * including this order; below the lowest tier nothing.
 */
export function commissionOf(rule: EarningsRule, baseMinor: number, currency: string, basis: BasisIncludingOrder): CommissionOutcome {
  switch (rule.type) {
    case 'percent':
      return { kind: 'commission', commissionMinor: applyBps(baseMinor, rule.rateBps), fields: { basis: 'percent', rateBps: rule.rateBps } };
    case 'fixed': {
      const fields: RuleFields = { basis: 'fixed', fixedAmount: rule.amount.amount };
      if (rule.amount.currency !== currency) return { kind: 'no_commission', reason: 'fixed_currency_mismatch', fields };
      return { kind: 'commission', commissionMinor: rule.amount.amount, fields };
    }
    case 'tiered': {
      const reached = rule.basis === 'orders' ? basis.orders : basis.revenueMinor;
      let tier: (typeof rule.tiers)[number] | undefined;
      for (const candidate of rule.tiers) {
        if (candidate.from <= reached && (tier === undefined || candidate.from > tier.from)) tier = candidate;
      }
      if (tier === undefined) return { kind: 'no_commission', reason: 'no_tier_reached', fields: { basis: 'tiered' } };
      return {
        kind: 'commission',
        commissionMinor: applyBps(baseMinor, tier.rateBps),
        fields: { basis: 'tiered', rateBps: tier.rateBps, tier: { basis: rule.basis, from: tier.from, rateBps: tier.rateBps } },
      };
    }
    default:
      return assertNever(rule, 'earnings rule');
  }
}
