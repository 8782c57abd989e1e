// Proves how month-to-date figures are folded from earlier EarningAccrued events (scope, UTC month, bonus flag).
import type { EarningAccrued } from '@ledger/contracts';
import { calendarMonthOf, EMPTY_MONTH, monthToDateOf } from './month-to-date';

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
});
