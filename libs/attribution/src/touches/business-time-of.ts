import { LIMITS, ValidationFailed, type Clock } from '@ledger/kernel';

/**
 * A touch's business time: what the caller says (offline tills report later), else our now. A
 * time ahead of our clock by more than the skew allowance is refused: it would let a caller
 * validate a code that is not valid yet.
 */
export function businessTimeOf(occurredAt: string | undefined, clock: Clock): string {
  const nowMs = clock.now().getTime();
  if (occurredAt === undefined) return new Date(nowMs).toISOString();
  if (Date.parse(occurredAt) > nowMs + LIMITS.checkout.occurredAtFutureSkewMs) {
    throw new ValidationFailed([{ field: 'occurredAt', problem: `must not be more than ${LIMITS.checkout.occurredAtFutureSkewMs / 1000} s ahead of the server clock` }]);
  }
  return occurredAt;
}
