// The earnings calculator (docs/architecture.md, Earnings calculation): level 1 and referral levels.
import type { EarningCalculation } from '@ledger/contracts';
import { applyBps, assert } from '@ledger/kernel';
import { applyCaps } from './caps';
import { commissionBaseOf, type LineBase } from './commission-base';
import { commissionOf } from './commission-rule';
import type { CalculatedEarning, EarningsInput, EarningsResult, IgnoredForCurrency, NoEarningReason } from './earnings.types';
import { allocateToLines } from './line-allocation';
import { ancestorsOf } from './referral-chain';
import { thresholdBonusOf } from './threshold-bonus';

export function calculateEarnings(input: EarningsInput): EarningsResult {
  const { order, rules, monthToDate } = input;
  const base = commissionBaseOf(order.lines, rules.exclusions);
  const common = { commissionBase: { amount: base.totalMinor, currency: order.currency }, lines: base.lines };
  const nothing = (reason: NoEarningReason, ignoredForCurrency: IgnoredForCurrency[]): EarningsResult => ({
    ...common,
    ignoredForCurrency,
    earned: false,
    reason,
    earnings: [],
  });
  // Nothing to allocate to means nothing to claw back against either: no commission, fixed amount or bonus.
  if (base.totalMinor === 0) return nothing('zero_commission_base', []);

  const basis = { orders: monthToDate.orders + 1, revenueMinor: monthToDate.revenueMinor + base.totalMinor };
  const rule = rules.channelOverrides[order.channel]?.earnings ?? rules.earnings;
  const commission = commissionOf(rule, base.totalMinor, order.currency, basis);
  const commissionMinor = commission.kind === 'commission' ? commission.commissionMinor : 0;
  const bonus = thresholdBonusOf(rules.bonuses, order.currency, basis, monthToDate.bonusPaid);
  const beforeCapMinor = commissionMinor + bonus.bonusMinor;
  const capped = applyCaps(beforeCapMinor, rules.caps, order.currency, monthToDate.earnedMinor);
  const ignoredForCurrency = ignoredOf(bonus.skippedForCurrency, capped.ignored);

  if (capped.amountMinor === 0) {
    if (beforeCapMinor > 0) return nothing('cap_reached', ignoredForCurrency);
    return nothing(commission.kind === 'no_commission' ? commission.reason : 'zero_amount', ignoredForCurrency);
  }

  const calculationLines = base.lines.map(calculationLine);
  const levelOne: CalculatedEarning = {
    influencerId: input.influencerId,
    level: 1,
    amount: { amount: capped.amountMinor, currency: order.currency },
    calculation: {
      ...commission.fields,
      commissionBase: base.totalMinor,
      ...(bonus.bonusMinor > 0 ? { bonus: bonus.bonusMinor } : {}),
      ...(capped.cappedBy !== undefined ? { cappedBy: capped.cappedBy } : {}),
      beforeCap: beforeCapMinor,
      lines: calculationLines,
    },
    lineAllocations: allocateToLines(capped.amountMinor, base.lines),
  };
  return { ...common, ignoredForCurrency, earned: true, earnings: [levelOne, ...referralEarnings(input, levelOne, base.lines)] };
}

/** Ancestor at level n gets `rateBps` of the (capped) level-1 amount; caps bind level 1 only. */
function referralEarnings(input: EarningsInput, levelOne: CalculatedEarning, lines: LineBase[]): CalculatedEarning[] {
  const earnings: CalculatedEarning[] = [];
  for (const ancestor of ancestorsOf(input.influencerId, input.referrals)) {
    const share = input.rules.referralLevels.find((entry) => entry.level === ancestor.level);
    if (share === undefined || !ancestor.mayEarn) continue;
    const amountMinor = applyBps(levelOne.amount.amount, share.rateBps);
    if (amountMinor <= 0) continue;
    const calculation: EarningCalculation = {
      basis: 'referral',
      commissionBase: levelOne.calculation.commissionBase,
      rateBps: share.rateBps,
      beforeCap: amountMinor,
      parentOf: ancestor.childId,
      lines: levelOne.calculation.lines,
    };
    earnings.push({
      influencerId: ancestor.influencerId,
      level: ancestor.level,
      amount: { amount: amountMinor, currency: levelOne.amount.currency },
      calculation,
      lineAllocations: allocateToLines(amountMinor, lines),
    });
  }
  assert(earnings.every((e, i) => i === 0 || e.level > earnings[i - 1]!.level), 'referral earnings ascend by level');
  return earnings;
}

function calculationLine(line: LineBase): EarningCalculation['lines'][number] {
  return line.excluded === undefined
    ? { lineId: line.lineId, base: line.baseMinor }
    : { lineId: line.lineId, base: line.baseMinor, excluded: line.excluded };
}

function ignoredOf(bonusesSkipped: number, capsIgnored: ReadonlyArray<'perOrder' | 'perMonth'>): IgnoredForCurrency[] {
  const ignored: IgnoredForCurrency[] = bonusesSkipped > 0 ? ['bonus'] : [];
  for (const cap of capsIgnored) ignored.push(cap === 'perOrder' ? 'cap_per_order' : 'cap_per_month');
  return ignored;
}
