// A corrected commission base, recalculated with a given rules version (seed 003 "Änderungen"): the
// level-1 rule of the earning's channel, the recorded bonus and the per-order cap; a referral level
// takes its share of that. Month facts (which tier was reached, the monthly cap) are not re-derived:
// the recorded tier's threshold stands for the basis reached that month.
import type { CampaignRules, EarningsRule } from '@ledger/contracts';
import { applyBps, assertNever } from '@ledger/kernel';
import { applyCaps } from './caps';

export interface RecordedCalculation {
  /** `from` of the tier the accrual reached (tiered rules only). */
  tierFrom?: number;
  /** The threshold bonus paid with the accrual (a month fact, kept as it was). */
  bonus?: number;
}

export interface RecalculationInput {
  level: number;
  channel: string;
  currency: string;
  commissionBase: number;
  rules: CampaignRules;
  recorded: RecordedCalculation;
}

/** The commission for the corrected base; 0 when the rules pay nothing on it. */
export function recalculatedCommission(input: RecalculationInput): number {
  const { rules, currency, commissionBase } = input;
  const rule = rules.channelOverrides[input.channel as keyof CampaignRules['channelOverrides']]?.earnings ?? rules.earnings;
  const commission = ruleCommission(rule, commissionBase, currency, input.recorded.tierFrom);
  const beforeCap = commission + (input.recorded.bonus ?? 0);
  // The monthly cap is a month fact: only the per-order cap is applied again.
  const levelOne = applyCaps(beforeCap, { ...(rules.caps.perOrder ? { perOrder: rules.caps.perOrder } : {}) }, currency, 0).amountMinor;
  if (input.level === 1) return levelOne;
  const share = rules.referralLevels.find((entry) => entry.level === input.level);
  return share === undefined ? 0 : applyBps(levelOne, share.rateBps);
}

function ruleCommission(rule: EarningsRule, baseMinor: number, currency: string, tierFrom: number | undefined): number {
  switch (rule.type) {
    case 'percent':
      return applyBps(baseMinor, rule.rateBps);
    case 'fixed':
      return rule.amount.currency === currency ? rule.amount.amount : 0;
    case 'tiered': {
      const reached = tierFrom ?? 0;
      let tier: (typeof rule.tiers)[number] | undefined;
      for (const candidate of rule.tiers) {
        if (candidate.from <= reached && (tier === undefined || candidate.from > tier.from)) tier = candidate;
      }
      return tier === undefined ? 0 : applyBps(baseMinor, tier.rateBps);
    }
    default:
      return assertNever(rule, 'earnings rule');
  }
}
