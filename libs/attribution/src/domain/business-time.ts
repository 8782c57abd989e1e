// Business time arrives as ISO 8601 strings with offsets. Comparing strings would be wrong across
// offsets (`…T10:00+02:00` is before `…T09:00Z`), so every comparison goes through epoch milliseconds.
import { assert } from '@ledger/kernel';

export function epochMs(iso: string): number {
  const ms = Date.parse(iso);
  assert(Number.isFinite(ms), `not an ISO 8601 time: ${iso}`);
  return ms;
}

/** Both bounds are inclusive and optional (absent = unbounded), like every time bound in this engine. */
export function isWithin(atMs: number, from: string | undefined, until: string | undefined): boolean {
  if (from !== undefined && atMs < epochMs(from)) return false;
  if (until !== undefined && atMs > epochMs(until)) return false;
  return true;
}
