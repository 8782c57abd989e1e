// The ledger's hot assertions.
import { AssertionFailed } from '@ledger/kernel';

/**
 * assert, with the message built only when the condition fails. evolve checks every event of every
 * stream it folds (tens of thousands on a busy influencer); eager messages (interpolated ids,
 * JSON) were most of the cost of those checks.
 */
export function invariant(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new AssertionFailed(message());
}
