// Proves the earnings rules of docs/architecture.md (base, percent/fixed/tiered, bonus, caps, referrals, allocation) on fixed EUR orders.
import { calculateEarnings } from './calculate-earnings';
import type { EarningsResult } from './earnings.types';
import { EMPTY_MONTH } from './month-to-date';
import { eur, eurOrder, input, line, network, rulesWith, usd } from './testing/earnings.fixtures';

const levelOneAmount = (result: EarningsResult): number => result.earnings[0]?.amount.amount ?? 0;

describe('calculateEarnings', () => {
  describe('commission base', () => {
    it('is quantity × unitPrice − discount per line, never negative, 0 for excluded skus and categories', () => {
      // given three lines, one over-discounted and two excluded
      const rules = rulesWith({ exclusions: { skus: ['gift-card'], categories: ['tobacco'] } });
      const order = eurOrder([
        line('l1', 3, 1_000, { discount: 500 }),
        line('l2', 1, 500, { discount: 900 }),
        line('l3', 2, 4_000, { sku: 'gift-card' }),
        line('l4', 1, 2_000, { category: 'tobacco' }),
      ]);
      // when
      const result = calculateEarnings(input({ order, rules }));
      // then
      expect(result.commissionBase).toEqual(eur(2_500));
      expect(result.earnings[0]?.calculation.lines).toEqual([
        { lineId: 'l1', base: 2_500 },
        { lineId: 'l2', base: 0 },
        { lineId: 'l3', base: 0, excluded: 'sku' },
        { lineId: 'l4', base: 0, excluded: 'category' },
      ]);
      expect(result.earnings[0]?.lineAllocations).toEqual([{ lineId: 'l1', quantity: 3, amount: 250 }]);
    });

    it('earns nothing — not even a fixed amount — when every line is excluded', () => {
      const rules = rulesWith({ earnings: { type: 'fixed', amount: eur(500) }, exclusions: { skus: ['sku-l1', 'sku-l2'], categories: [] } });
      const result = calculateEarnings(input({ rules, order: eurOrder([line('l1', 1, 1_000), line('l2', 2, 300)]) }));
      expect(result).toMatchObject({ earned: false, reason: 'zero_commission_base', earnings: [], commissionBase: eur(0) });
    });
  });

  describe('percent', () => {
    it.each([
      [1_999, 1_000, 200],
      [15, 5_000, 8],
      [14, 5_000, 7],
      [10_000, 1_250, 1_250],
    ])('base %i at %i bps earns %i (half away from zero)', (base, rateBps, expected) => {
      const result = calculateEarnings(input({ order: eurOrder([line('l1', 1, base)]), rules: rulesWith({ earnings: { type: 'percent', rateBps } }) }));
      expect(levelOneAmount(result)).toBe(expected);
      expect(result.earnings[0]?.calculation).toMatchObject({ basis: 'percent', rateBps, commissionBase: base, beforeCap: expected });
    });

    it('earns nothing when the commission rounds to 0', () => {
      const result = calculateEarnings(input({ order: eurOrder([line('l1', 1, 4)]) }));
      expect(result).toMatchObject({ earned: false, reason: 'zero_amount' });
    });
  });

  describe('fixed', () => {
    it('pays the amount per order, allocated over the lines by base', () => {
      const rules = rulesWith({ earnings: { type: 'fixed', amount: eur(500) } });
      const result = calculateEarnings(input({ rules, order: eurOrder([line('l1', 1, 3_000), line('l2', 1, 1_000)]) }));
      expect(result.earnings).toEqual([
        {
          influencerId: 'inf-a',
          level: 1,
          amount: eur(500),
          calculation: {
            basis: 'fixed',
            fixedAmount: 500,
            commissionBase: 4_000,
            beforeCap: 500,
            lines: [
              { lineId: 'l1', base: 3_000 },
              { lineId: 'l2', base: 1_000 },
            ],
          },
          lineAllocations: [
            { lineId: 'l1', quantity: 1, amount: 375 },
            { lineId: 'l2', quantity: 1, amount: 125 },
          ],
        },
      ]);
    });

    it('pays nothing when the fixed amount is in another currency than the order', () => {
      const rules = rulesWith({ earnings: { type: 'fixed', amount: usd(500) } });
      expect(calculateEarnings(input({ rules }))).toMatchObject({ earned: false, reason: 'fixed_currency_mismatch' });
    });
  });

  describe('tiered', () => {
    const byOrders = rulesWith({ earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 10, rateBps: 1_000 }, { from: 0, rateBps: 500 }] } });
    it.each([
      ['the 9th order of the month earns the lower tier', 8, 500],
      ['the 10th order of the month reaches the higher tier', 9, 1_000],
      ['later orders stay in the higher tier', 25, 1_000],
    ])('%s', (_name, ordersBefore, rateBps) => {
      const result = calculateEarnings(input({ rules: byOrders, monthToDate: { ...EMPTY_MONTH, orders: ordersBefore } }));
      expect(levelOneAmount(result)).toBe(rateBps);
      expect(result.earnings[0]?.calculation).toMatchObject({ basis: 'tiered', rateBps, tier: { basis: 'orders', rateBps } });
    });

    const byRevenue = rulesWith({ earnings: { type: 'tiered', basis: 'revenue', tiers: [{ from: 100_000, rateBps: 800 }] } });
    it('chooses by month-to-date revenue including this order', () => {
      const reached = calculateEarnings(input({ rules: byRevenue, monthToDate: { ...EMPTY_MONTH, revenueMinor: 90_000 } }));
      expect(reached.earnings[0]?.calculation.tier).toEqual({ basis: 'revenue', from: 100_000, rateBps: 800 });
      expect(levelOneAmount(reached)).toBe(800);
      const below = calculateEarnings(input({ rules: byRevenue, monthToDate: { ...EMPTY_MONTH, revenueMinor: 89_999 } }));
      expect(below).toMatchObject({ earned: false, reason: 'no_tier_reached' });
    });
  });

  describe('threshold bonus', () => {
    const rules = rulesWith({ bonuses: [{ type: 'threshold', basis: 'orders', threshold: 10, amount: eur(2_500) }] });
    it.each([
      ['is not paid below the threshold', { orders: 8, bonusPaid: false }, 0],
      ['is paid with the order that reaches the threshold', { orders: 9, bonusPaid: false }, 2_500],
      ['is paid with a later order if not paid yet this month', { orders: 15, bonusPaid: false }, 2_500],
      ['is paid once per month', { orders: 15, bonusPaid: true }, 0],
    ])('%s', (_name, month, bonus) => {
      const result = calculateEarnings(input({ rules, monthToDate: { ...EMPTY_MONTH, ...month } }));
      expect(levelOneAmount(result)).toBe(1_000 + bonus);
      expect(result.earnings[0]?.calculation.bonus).toBe(bonus === 0 ? undefined : bonus);
      expect(result.earnings[0]?.calculation.beforeCap).toBe(1_000 + bonus);
    });

    it('is ignored, and reported, when in another currency', () => {
      const inUsd = rulesWith({ bonuses: [{ type: 'threshold', basis: 'revenue', threshold: 1, amount: usd(2_500) }] });
      const result = calculateEarnings(input({ rules: inUsd }));
      expect(levelOneAmount(result)).toBe(1_000);
      expect(result.ignoredForCurrency).toEqual(['bonus']);
    });
  });

  describe('caps', () => {
    it('caps per order first', () => {
      const result = calculateEarnings(input({ rules: rulesWith({ caps: { perOrder: eur(600) } }) }));
      expect(result.earnings[0]).toMatchObject({ amount: eur(600), calculation: { cappedBy: 'perOrder', beforeCap: 1_000 } });
    });

    it('then per month, leaving what remains of the month', () => {
      const rules = rulesWith({ caps: { perOrder: eur(800), perMonth: eur(10_000) } });
      const result = calculateEarnings(input({ rules, monthToDate: { ...EMPTY_MONTH, earnedMinor: 9_500 } }));
      expect(result.earnings[0]).toMatchObject({ amount: eur(500), calculation: { cappedBy: 'perMonth', beforeCap: 1_000 } });
    });

    it('earns nothing once the monthly cap is used up', () => {
      const rules = rulesWith({ caps: { perMonth: eur(10_000) } });
      const result = calculateEarnings(input({ rules, monthToDate: { ...EMPTY_MONTH, earnedMinor: 10_000 } }));
      expect(result).toMatchObject({ earned: false, reason: 'cap_reached' });
    });

    it('caps the bonus too: a cap is a ceiling on everything the campaign pays', () => {
      const rules = rulesWith({
        caps: { perOrder: eur(2_000) },
        bonuses: [{ type: 'threshold', basis: 'orders', threshold: 1, amount: eur(2_500) }],
      });
      const result = calculateEarnings(input({ rules }));
      expect(result.earnings[0]).toMatchObject({ amount: eur(2_000), calculation: { bonus: 2_500, beforeCap: 3_500, cappedBy: 'perOrder' } });
    });

    it('ignores, and reports, caps in another currency', () => {
      const rules = rulesWith({ caps: { perOrder: usd(100), perMonth: usd(100) } });
      const result = calculateEarnings(input({ rules }));
      expect(levelOneAmount(result)).toBe(1_000);
      expect(result.earnings[0]?.calculation.cappedBy).toBeUndefined();
      expect(result.ignoredForCurrency).toEqual(['cap_per_order', 'cap_per_month']);
    });
  });

  describe('channel overrides', () => {
    const rules = rulesWith({ earnings: { type: 'percent', rateBps: 1_000 }, channelOverrides: { pos: { earnings: { type: 'fixed', amount: eur(300) } } } });
    it.each([
      ['ecommerce uses the campaign rule', 'ecommerce', 1_000],
      ['pos uses its override', 'pos', 300],
    ] as const)('%s', (_name, channel, expected) => {
      const result = calculateEarnings(input({ rules, order: eurOrder([line('l1', 1, 10_000)], { channel }) }));
      expect(levelOneAmount(result)).toBe(expected);
    });
  });

  describe('referral levels', () => {
    const rules = rulesWith({ referralLevels: [{ level: 2, rateBps: 1_000 }, { level: 3, rateBps: 500 }] });
    const chain = network({
      'inf-a': { parentId: 'inf-b', mayEarn: true },
      'inf-b': { parentId: 'inf-c', mayEarn: true },
      'inf-c': { parentId: 'inf-d', mayEarn: true },
      'inf-d': { mayEarn: true },
    });

    it('pays each configured ancestor a share of the level-1 amount, and no one beyond', () => {
      const result = calculateEarnings(input({ rules, referrals: chain, order: eurOrder([line('l1', 1, 7_000), line('l2', 3, 1_000)]) }));
      expect(result.earnings.map((e) => [e.influencerId, e.level, e.amount.amount])).toEqual([
        ['inf-a', 1, 1_000],
        ['inf-b', 2, 100],
        ['inf-c', 3, 50],
      ]);
      expect(result.earnings[1]).toMatchObject({
        calculation: { basis: 'referral', rateBps: 1_000, commissionBase: 10_000, beforeCap: 100, parentOf: 'inf-a' },
        lineAllocations: [
          { lineId: 'l1', quantity: 1, amount: 70 },
          { lineId: 'l2', quantity: 3, amount: 30 },
        ],
      });
      expect(result.earnings[2]?.calculation.parentOf).toBe('inf-b');
    });

    it('skips an ancestor who may not earn without moving the others up a level', () => {
      const suspendedParent = network({
        'inf-a': { parentId: 'inf-b', mayEarn: true },
        'inf-b': { parentId: 'inf-c', mayEarn: false },
        'inf-c': { mayEarn: true },
      });
      const result = calculateEarnings(input({ rules, referrals: suspendedParent }));
      expect(result.earnings.map((e) => [e.influencerId, e.level])).toEqual([
        ['inf-a', 1],
        ['inf-c', 3],
      ]);
    });

    it('stops at a cycle and at LIMITS.domain.referralLevels ancestors', () => {
      const cycle = network({ 'inf-a': { parentId: 'inf-b', mayEarn: true }, 'inf-b': { parentId: 'inf-a', mayEarn: true } });
      expect(calculateEarnings(input({ rules, referrals: cycle })).earnings.map((e) => e.level)).toEqual([1, 2]);

      const everyLevel = rulesWith({ referralLevels: [2, 3, 4, 5, 6, 7, 8].map((level) => ({ level, rateBps: 1_000 })) });
      const long = (id: string) => ({ parentId: `${id}+`, mayEarn: true });
      const result = calculateEarnings(input({ rules: everyLevel, referrals: long, order: eurOrder([line('l1', 1, 1_000_000)]) }));
      expect(result.earnings.map((e) => e.level)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('pays no share when the share rounds to 0', () => {
      const result = calculateEarnings(input({ rules, referrals: chain, order: eurOrder([line('l1', 1, 40)]) }));
      expect(result.earnings.map((e) => e.level)).toEqual([1]);
    });
  });
});
