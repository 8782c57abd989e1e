import type { Transaction } from 'kysely';
import type { AllFilter, RecordedEvent } from '@ledger/event-store';

/**
 * The shape of a projection (`Projection` of @ledger/projections), restated so this lib never loads
 * that one: its registry imports this lib. The registry's list type-checks that ours still fit.
 */
export interface ReadModelProjection<DB> {
  /** Stable name; the checkpoint key. */
  readonly name: string;
  /** Tables it owns (rebuild clones, swaps and checksums exactly these). */
  readonly tables: readonly string[];
  readonly filter: AllFilter;
  /** One bounded batch in the runtime's transaction; replay-safe, unqualified table names. */
  apply(trx: Transaction<DB>, events: RecordedEvent[]): Promise<void>;
}
