// Proves with fast-check (300 random histories) that a chain of statements loses and repeats nothing: for random
// facts (business time × record position) and random forward periods issued at growing cutoffs, every fact recorded
// up to the last cutoff with business time before the last period's end is held by exactly one statement, as a line
// of its period or a prior-period adjustment of a later one, and each closing equals the owed the facts add up to.
import fc from 'fast-check';
import { calculateStatement, placeFact, zeroBalances, type PreviousStatement, type StatementFact } from './statement-calculation';

const EUR = 'EUR';
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);
const iso = (day: number) => new Date(BASE + day * DAY).toISOString();

const factArb = fc.record({
  day: fc.integer({ min: 0, max: 119 }),
  recordedAt: fc.integer({ min: 1, max: 1_000 }),
  kind: fc.constantFrom('earned' as const, 'clawed_back' as const, 'paid' as const, 'released' as const, 'adjustment' as const),
  amount: fc.integer({ min: 1, max: 10_000 }),
});

const chainArb = fc.record({
  facts: fc.array(factArb, { maxLength: 60 }),
  // Forward periods: [start, end) day pairs made from sorted cut points; gaps allowed between them.
  cuts: fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 2, maxLength: 9 }).map((days) => [...days].sort((a, b) => a - b)),
  gapsEvery: fc.integer({ min: 0, max: 3 }),
  cutoffs: fc.uniqueArray(fc.integer({ min: 1, max: 1_000 }), { minLength: 8, maxLength: 8 }).map((c) => [...c].sort((a, b) => a - b)),
});

const OWED_SIGN = { earned: 1, clawed_back: -1, paid: -1, released: 0, adjustment: 1 } as const;

it('every fact lands in exactly one statement, and closings add up', () => {
  fc.assert(
    fc.property(chainArb, ({ facts, cuts, gapsEvery, cutoffs }) => {
      const all: StatementFact[] = facts.map((f, i) => ({
        at: iso(f.day),
        // Unique positions: the record order of facts is total.
        position: `${f.recordedAt}-${i}`,
        kind: f.kind,
        earningId: `e-${i}`,
        amount: f.amount,
        owedDelta: OWED_SIGN[f.kind] * f.amount,
        payableDelta: f.kind === 'released' ? f.amount : 0,
      }));
      const periods = cuts.slice(1).map((end, i) => ({ periodStart: iso(cuts[i]!), periodEnd: iso(end) })).filter((_, i) => gapsEvery === 0 || i % (gapsEvery + 1) !== 1);
      const held = new Map<string, number>();
      let previous: PreviousStatement | null = null;
      periods.forEach((period, n) => {
        const cutoff = `${cutoffs[n]!}-999999`;
        const placed = all.map((f) => ({ ...f, place: placeFact(f, period, cutoff, previous) })).filter((f): f is StatementFact & { place: 'line' | 'prior_period' } => f.place !== 'excluded');
        for (const f of placed) held.set(f.earningId, (held.get(f.earningId) ?? 0) + 1);
        const figures = calculateStatement(EUR, previous?.closing ?? zeroBalances(EUR), placed);
        // The closing is the owed of every fact held so far (the opening carries the earlier ones).
        const owedSoFar = all.filter((f) => held.has(f.earningId)).reduce((sum, f) => sum + f.owedDelta, 0);
        expect(figures.closing.owed.amount).toBe(owedSoFar);
        expect(figures.lines.filter((l) => l.kind === 'prior_period_adjustment').every((l) => Date.parse(l.at) < Date.parse(period.periodStart))).toBe(true);
        previous = { statementId: `s-${n}`, ...period, cutoff, closing: figures.closing };
      });
      expect([...held.values()].every((times) => times === 1)).toBe(true);
      if (previous !== null) {
        const last: PreviousStatement = previous;
        const due = all.filter((f) => Date.parse(f.at) < Date.parse(last.periodEnd) && Number(f.position.split('-')[0]) <= Number(last.cutoff!.split('-')[0]));
        expect(new Set(held.keys())).toEqual(new Set(due.map((f) => f.earningId)));
      }
    }),
    { numRuns: 300 },
  );
});
