// Clawbacks as a function of the set of return/cancellation facts, never of their order: the cumulative
// amount due is recomputed from all facts so far and only the difference is appended.
import { assert, assertNever, prorate } from '@ledger/kernel';
import type { LineAllocation } from './line-allocation';

/**
 * Per line floor(allocation × min(returned, quantity) / quantity); a cancellation claws back the whole
 * earning. Returns of lines the earning has no allocation for claw back nothing.
 */
export function cumulativeClawback(
  lineAllocations: readonly LineAllocation[],
  returnedQtyByLine: ReadonlyMap<string, number>,
  cancelled: boolean,
): number {
  const fullMinor = lineAllocations.reduce((sum, line) => sum + line.amount, 0);
  if (cancelled) return fullMinor;
  let dueMinor = 0;
  for (const line of lineAllocations) {
    assert(line.quantity > 0, 'an allocated line has a positive quantity');
    const returned = Math.min(Math.max(0, returnedQtyByLine.get(line.lineId) ?? 0), line.quantity);
    dueMinor += prorate(line.amount, returned, line.quantity);
  }
  assert(dueMinor <= fullMinor, 'a clawback never exceeds the earning');
  return dueMinor;
}

export type ClawbackFact =
  | { kind: 'return'; returnId: string; lines: ReadonlyArray<{ lineId: string; quantity: number }> }
  | { kind: 'cancellation'; id: string };

export interface ClawbackStep {
  fact: ClawbackFact;
  reference: { kind: 'return' | 'cancellation'; id: string };
  cumulativeBeforeMinor: number;
  cumulativeAfterMinor: number;
  /** What to append as EarningClawedBack for this fact; 0 = append nothing. */
  deltaMinor: number;
}

/**
 * One step per fact, in the order given (the order stream's). Deltas are never negative because the
 * cumulative amount only grows with returned quantities, and they sum to the cumulative total of all
 * facts whatever their order. A return id seen before (a duplicate delivery) adds nothing.
 */
export function clawbackDeltas(lineAllocations: readonly LineAllocation[], orderedFacts: readonly ClawbackFact[]): ClawbackStep[] {
  const returned = new Map<string, number>();
  const seenReturns = new Set<string>();
  let cancelled = false;
  let cumulativeMinor = 0;
  const steps: ClawbackStep[] = [];
  for (const fact of orderedFacts) {
    switch (fact.kind) {
      case 'return':
        if (!seenReturns.has(fact.returnId)) {
          seenReturns.add(fact.returnId);
          for (const line of fact.lines) returned.set(line.lineId, (returned.get(line.lineId) ?? 0) + Math.max(0, line.quantity));
        }
        break;
      case 'cancellation':
        cancelled = true;
        break;
      default:
        assertNever(fact, 'clawback fact');
    }
    const afterMinor = cumulativeClawback(lineAllocations, returned, cancelled);
    assert(afterMinor >= cumulativeMinor, 'cumulative clawback never decreases');
    steps.push({
      fact,
      reference: fact.kind === 'return' ? { kind: 'return', id: fact.returnId } : { kind: 'cancellation', id: fact.id },
      cumulativeBeforeMinor: cumulativeMinor,
      cumulativeAfterMinor: afterMinor,
      deltaMinor: afterMinor - cumulativeMinor,
    });
    cumulativeMinor = afterMinor;
  }
  return steps;
}
