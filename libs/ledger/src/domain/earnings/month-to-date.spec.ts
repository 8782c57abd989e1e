// Proves how month-to-date figures are folded from earlier EarningAccrued events (scope, UTC month, bonus flag), and that month tallies — a stream per scope whose last event alone is read — give what the fold gives (fast-check).
import fc from 'fast-check';
import type { EarningAccrued } from '@ledger/contracts';
import { calendarMonthOf, EMPTY_MONTH, monthToDateFromTally, monthToDateOf, tallyOf } from './month-to-date';

function accrued(patch: Partial<EarningAccrued> & { bonus?: number; base?: number }): EarningAccrued {
  const { bonus, base = 10_000, ...rest } = patch;
  return {
    earningId: 'e', influencerId: 'inf-a', campaignId: 'cmp', orderId: 'o', channel: 'ecommerce', level: 1,
    amount: { amount: 1_000, currency: 'EUR' }, rulesVersion: 1, occurredAt: '2025-03-10T12:00:00Z', sourceRef: 's',
    calculation: { basis: 'percent', commissionBase: base, beforeCap: 1_000, lines: [], ...(bonus !== undefined ? { bonus } : {}) },
    ...rest,
  };
}

describe('month to date', () => {
  it('takes the calendar month in UTC', () => {
    expect(calendarMonthOf('2025-04-01T01:00:00+02:00')).toBe('2025-03');
    expect(calendarMonthOf('2025-03-31T23:30:00-01:00')).toBe('2025-04');
  });

  it("counts only the influencer's level-1 earnings of the campaign, currency and month", () => {
    const scope = { influencerId: 'inf-a', campaignId: 'cmp', currency: 'EUR', month: '2025-03' };
    const earlier = [
      accrued({}),
      accrued({ base: 5_000, bonus: 2_500, amount: { amount: 3_000, currency: 'EUR' } }),
      accrued({ level: 2 }),
      accrued({ influencerId: 'inf-b' }),
      accrued({ campaignId: 'other' }),
      accrued({ amount: { amount: 1_000, currency: 'USD' } }),
      accrued({ occurredAt: '2025-02-28T23:59:59Z' }),
    ];
    expect(monthToDateOf(earlier, scope)).toEqual({ orders: 2, revenueMinor: 15_000, earnedMinor: 4_000, bonusPaid: true });
    expect(monthToDateOf([], scope)).toEqual(EMPTY_MONTH);
  });

  it('month tallies (one per scope, as the process manager keeps them) give what the fold gives, for any earnings and scope; the last order can be left out', () => {
    const earning = fc.record({
      influencerId: fc.constantFrom('inf-a', 'inf-b'),
      campaignId: fc.constantFrom('cmp', 'other'),
      level: fc.constantFrom(1, 1, 2),
      currency: fc.constantFrom('EUR', 'USD'),
      occurredAt: fc.constantFrom('2025-02-28T23:59:59Z', '2025-03-01T00:30:00+01:00', '2025-03-10T12:00:00Z', '2025-03-31T23:30:00-01:00'),
      amount: fc.integer({ min: 0, max: 10_000 }),
      base: fc.integer({ min: 0, max: 100_000 }),
      bonus: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    });
    const scope = fc.record({
      influencerId: fc.constantFrom('inf-a', 'inf-b'),
      campaignId: fc.constantFrom('cmp', 'other'),
      currency: fc.constantFrom('EUR', 'USD'),
      month: fc.constantFrom('2025-02', '2025-03', '2025-04'),
    });
    const scopeOf = (e: EarningAccrued) => JSON.stringify([e.influencerId, e.campaignId, e.amount.currency, calendarMonthOf(e.occurredAt)]);
    fc.assert(
      fc.property(fc.array(earning, { maxLength: 30 }), scope, (raw, s) => {
        const earnings = raw.map((r, i) =>
          accrued({ earningId: `e-${i}`, influencerId: r.influencerId, campaignId: r.campaignId, orderId: `o-${i}`, level: r.level, occurredAt: r.occurredAt, amount: { amount: r.amount, currency: r.currency }, base: r.base, ...(r.bonus === undefined ? {} : { bonus: r.bonus }) }),
        );
        const tallies = new Map<string, ReturnType<typeof tallyOf>>();
        const key = JSON.stringify([s.influencerId, s.campaignId, s.currency, s.month]);
        // Tallied one by one, asked after each, as the process manager does within a run and across runs.
        for (let i = 0; i < earnings.length; i++) {
          const e = earnings[i]!;
          if (e.level === 1) tallies.set(scopeOf(e), tallyOf(tallies.get(scopeOf(e)) ?? null, e));
          const seen = earnings.slice(0, i + 1);
          const last = tallies.get(key) ?? null;
          expect(monthToDateFromTally(last)).toEqual(monthToDateOf(seen, s));
          if (last !== null) expect(monthToDateFromTally(last, last.orderId)).toEqual(monthToDateOf(seen.filter((x) => x.orderId !== last.orderId), s));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the tally stream's last event is the month-to-date of every earning before it; its before is the month without its own order", () => {
    const scope = { influencerId: 'inf-a', campaignId: 'cmp', currency: 'EUR', month: '2025-03' };
    fc.assert(
      fc.property(
        fc.array(fc.record({ base: fc.integer({ min: 1, max: 1_000_000 }), amount: fc.integer({ min: 1, max: 100_000 }), bonus: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }) }), { minLength: 1, maxLength: 40 }),
        (specs) => {
          const earnings = specs.map((x, i) => accrued({ earningId: `e-${i}`, orderId: `o-${i}`, base: x.base, amount: { amount: x.amount, currency: 'EUR' }, ...(x.bonus === undefined ? {} : { bonus: x.bonus }) }));
          let last = null as ReturnType<typeof tallyOf> | null;
          for (const earning of earnings) {
            expect(monthToDateFromTally(last)).toEqual(monthToDateOf(earnings.slice(0, earnings.indexOf(earning)), scope));
            last = tallyOf(last, earning);
          }
          expect(monthToDateFromTally(last)).toEqual(monthToDateOf(earnings, scope));
          expect(monthToDateFromTally(last, earnings.at(-1)!.orderId)).toEqual(monthToDateOf(earnings.slice(0, -1), scope));
          expect(monthToDateFromTally(last, 'another-order')).toEqual(monthToDateOf(earnings, scope));
        },
      ),
      { numRuns: 100 },
    );
    expect(monthToDateFromTally(null, 'o-1')).toEqual(EMPTY_MONTH);
    expect(() => tallyOf(tallyOf(null, accrued({})), accrued({ campaignId: 'other' }))).toThrow(/another month/);
  });
});
