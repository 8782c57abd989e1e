// Proves largest-remainder allocation: exact sums, proportionality within one unit, deterministic ties — by examples and fast-check.
import fc from 'fast-check';
import type { LineBase } from './commission-base';
import { allocateToLines } from './line-allocation';

const base = (lineId: string, baseMinor: number, quantity = 1): LineBase => ({ lineId, quantity, baseMinor });

describe('allocateToLines', () => {
  it('gives the left-over units to the largest remainders, ties to the smaller line id', () => {
    expect(allocateToLines(100, [base('c', 1), base('a', 1), base('b', 1)])).toEqual([
      { lineId: 'c', quantity: 1, amount: 33 },
      { lineId: 'a', quantity: 1, amount: 34 },
      { lineId: 'b', quantity: 1, amount: 33 },
    ]);
    expect(allocateToLines(10, [base('l1', 1), base('l2', 2)]).map((a) => a.amount)).toEqual([3, 7]);
  });

  it('leaves out lines without a base and allocates nothing of nothing', () => {
    expect(allocateToLines(5, [base('l1', 0), base('l2', 9, 3)])).toEqual([{ lineId: 'l2', quantity: 3, amount: 5 }]);
    expect(allocateToLines(0, [base('l1', 0)])).toEqual([]);
  });

  it('sums exactly and stays within one unit of the exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000_000_000 }), { minLength: 1, maxLength: 30 }),
        (amount, bases) => {
          fc.pre(bases.some((b) => b > 0));
          const lines = bases.map((b, i) => base(`l${String(i).padStart(2, '0')}`, b));
          const allocations = allocateToLines(amount, lines);
          const total = bases.reduce((s, b) => s + BigInt(b), 0n);
          expect(allocations.reduce((s, a) => s + a.amount, 0)).toBe(amount);
          for (const allocation of allocations) {
            const exactFloor = (BigInt(amount) * BigInt(lines.find((l) => l.lineId === allocation.lineId)!.baseMinor)) / total;
            expect(BigInt(allocation.amount) - exactFloor).toBeGreaterThanOrEqual(0n);
            expect(BigInt(allocation.amount) - exactFloor).toBeLessThanOrEqual(1n);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
