// A total, deterministic order on candidates, so equal times never leave the outcome to chance.
import type { Candidate } from './attribution.types';

/**
 * At the same instant a code on the order comes before a recorded touch (it is the conversion's own
 * evidence), then the smaller code / touch id, then the code and the touch kind: two candidates
 * that tie on every field are the same candidate, so the order is total and no input order shows.
 */
function tieKey(candidate: Candidate): string {
  const first = candidate.source === 'order_code' ? `0|${candidate.code}` : `1|${candidate.touchId ?? ''}`;
  return `${first}|${candidate.code}|${candidate.touchKind}`;
}

/** Code-unit comparison: unlike localeCompare, it does not depend on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; ties by the tie key. */
export function compareByTime(a: Candidate, b: Candidate): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return compareStrings(tieKey(a), tieKey(b));
}

/** Whether `a` beats `b` when the model wants the earliest (or else the latest) touch; ties by the tie key. */
export function isPreferred(a: Candidate, b: Candidate, earliest: boolean): boolean {
  if (a.atMs !== b.atMs) return earliest ? a.atMs < b.atMs : a.atMs > b.atMs;
  return compareStrings(tieKey(a), tieKey(b)) < 0;
}
