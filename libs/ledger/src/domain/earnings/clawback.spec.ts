// Proves clawback math: per-line floor proration, cancellation, and (fast-check, 300 runs) that deltas are order-independent, non-negative and bounded.
import fc from 'fast-check';
import { clawbackDeltas, cumulativeClawback, type ClawbackFact } from './clawback';
import type { LineAllocation } from './line-allocation';

const allocations: LineAllocation[] = [
  { lineId: 'l1', quantity: 3, amount: 100 },
  { lineId: 'l2', quantity: 1, amount: 50 },
];
const returned = (entries: Array<[string, number]>) => new Map(entries);

describe('cumulativeClawback', () => {
  it.each([
    ['nothing returned', [], 0],
    ['one of three units of l1: floor(100 × 1 / 3)', [['l1', 1]], 33],
    ['two of three units of l1: floor(100 × 2 / 3)', [['l1', 2]], 66],
    ['all of l1 and l2', [['l1', 3], ['l2', 1]], 150],
    ['more than was ordered counts as all', [['l1', 7]], 100],
    ['a line the earning has no allocation for', [['l9', 2]], 0],
  ] as Array<[string, Array<[string, number]>, number]>)('%s', (_name, entries, expected) => {
    expect(cumulativeClawback(allocations, returned(entries), false)).toBe(expected);
  });

  it('claws back the whole earning on cancellation', () => {
    expect(cumulativeClawback(allocations, returned([['l1', 1]]), true)).toBe(150);
  });
});

describe('clawbackDeltas', () => {
  it('yields per fact the difference of the cumulative amount, and nothing for a duplicate or after cancellation', () => {
    const facts: ClawbackFact[] = [
      { kind: 'return', returnId: 'r1', lines: [{ lineId: 'l1', quantity: 1 }] },
      { kind: 'return', returnId: 'r1', lines: [{ lineId: 'l1', quantity: 1 }] },
      { kind: 'return', returnId: 'r2', lines: [{ lineId: 'l1', quantity: 1 }] },
      { kind: 'cancellation', id: 'cancel-1' },
      { kind: 'return', returnId: 'r3', lines: [{ lineId: 'l2', quantity: 1 }] },
    ];
    expect(clawbackDeltas(allocations, facts).map((s) => [s.reference.id, s.cumulativeBeforeMinor, s.deltaMinor])).toEqual([
      ['r1', 0, 33],
      ['r1', 33, 0],
      ['r2', 33, 33],
      ['cancel-1', 66, 84],
      ['r3', 150, 0],
    ]);
  });

  const allocationsArb = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 8 })
    .map((lines) => lines.map(([quantity, amount], i): LineAllocation => ({ lineId: `l${i}`, quantity, amount })));

  const factsArb = (lines: LineAllocation[]) =>
    fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.array(fc.tuple(fc.constantFrom(...lines.map((l) => l.lineId)), fc.integer({ min: 0, max: 25 })), { minLength: 1, maxLength: 4 }) },
        { weight: 1, arbitrary: fc.constant('cancel' as const) },
      ),
      { maxLength: 10 },
    ).map((raw) =>
      raw.map((entry, i): ClawbackFact =>
        entry === 'cancel'
          ? { kind: 'cancellation', id: `cancel-${i}` }
          : { kind: 'return', returnId: `r${i}`, lines: entry.map(([lineId, quantity]) => ({ lineId, quantity })) },
      ),
    );

  const scenarioArb = allocationsArb.chain((lines) =>
    factsArb(lines).chain((facts) => fc.tuple(fc.constant(lines), fc.constant(facts), fc.shuffledSubarray(facts, { minLength: facts.length }))),
  );

  const totalOf = (lines: LineAllocation[], facts: ClawbackFact[]) => clawbackDeltas(lines, facts).reduce((sum, s) => sum + s.deltaMinor, 0);

  it('gives the same total for any permutation of the same facts, never negative, never above the earning (property)', () => {
    fc.assert(
      fc.property(scenarioArb, ([lines, facts, permuted]) => {
        const earning = lines.reduce((sum, l) => sum + l.amount, 0);
        const steps = clawbackDeltas(lines, permuted);
        expect(steps.every((s) => s.deltaMinor >= 0)).toBe(true);
        const total = totalOf(lines, permuted);
        expect(total).toBe(totalOf(lines, facts));
        expect(total).toBe(steps.at(-1)?.cumulativeAfterMinor ?? 0);
        expect(total).toBeLessThanOrEqual(earning);
      }),
      { numRuns: 300 },
    );
  });

  it('claws back the full amount when every line is fully returned, however the returns are split (property)', () => {
    fc.assert(
      fc.property(allocationsArb, fc.integer({ min: 1, max: 4 }), (lines, parts) => {
        // Each line returned in `parts` pieces (the last piece takes the rest), pieces interleaved by line.
        const facts: ClawbackFact[] = [];
        for (let part = 0; part < parts; part += 1) {
          facts.push({
            kind: 'return',
            returnId: `r${part}`,
            lines: lines.map((l) => ({ lineId: l.lineId, quantity: part === parts - 1 ? l.quantity - (parts - 1) * Math.floor(l.quantity / parts) : Math.floor(l.quantity / parts) })),
          });
        }
        expect(totalOf(lines, facts)).toBe(lines.reduce((sum, l) => sum + l.amount, 0));
      }),
      { numRuns: 300 },
    );
  });
});
