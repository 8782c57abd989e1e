// Proves integer money arithmetic: bps rounding and exact prorating, including property checks.
import fc from 'fast-check';
import { applyBps, prorate } from './money';

describe('money', () => {
  it('applies basis points with half-away-from-zero rounding', () => {
    expect(applyBps(1999, 1000)).toBe(200);
    expect(applyBps(15, 5000)).toBe(8);
    expect(applyBps(-15, 5000)).toBe(-8);
    expect(applyBps(0, 1234)).toBe(0);
  });

  it('prorates exactly and never exceeds the whole', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (amount, den, numRaw) => {
        const num = numRaw % (den + 1);
        const part = prorate(amount, num, den);
        return part >= 0 && part <= amount && (num === den ? part === amount : true);
      }),
      { numRuns: 200 },
    );
  });
});
