// What payouts needs of the ledger (and of the programs' payout settings) without importing either: contexts are
// peers. The payout-earnings flow (libs/flows) binds PAYOUT_LEDGER: it reads the read models and decides on the
// earning streams with the ledger's own decider, in ONE atomic append with the batch's events.
import type { PayoutDestination } from '@ledger/contracts';
import type { EventMetadata, Position } from '@ledger/event-store';
import type { CandidateEarning, PayoutBatchEvent, PayoutBatchState } from '../domain';

export const PAYOUT_LEDGER = Symbol('PAYOUT_LEDGER');

/** An earning as a payout decision sees it (fresh from its stream). */
export interface PayoutEarningView {
  earningId: string;
  influencerId: string;
  campaignId: string;
  currency: string;
  state: string;
  /** accrued − clawed back − paid; negative: recoverable. */
  balance: number;
  /** Could a batch lock it now (not locked, a balance to settle). */
  finalizable: boolean;
  held: boolean;
  lockedTo: { batchId: string; itemId: string; amount: number } | null;
}

/** What happens on an earning's stream along with the batch's events (the ledger decides it, and may refuse). */
export type EarningStep =
  | { kind: 'finalize'; earningId: string; itemId: string }
  | { kind: 'unfinalize'; earningId: string; itemId: string; reasonCode: string }
  | { kind: 'pay'; earningId: string; itemId: string }
  | { kind: 'return'; earningId: string; itemId: string; reasonCode: string };

export interface PayoutDecision<T> {
  events: PayoutBatchEvent[];
  steps: EarningStep[];
  result: T;
}

export interface PayoutSources {
  /** Earnings of the currency a new batch may lock (from the ledger's read model; re-checked on their streams). */
  earnings: CandidateEarning[];
  /** Influencers with a fraud hold on any earning. */
  onHold: Set<string>;
  minPayouts: Map<string, number>;
  destinations: Map<string, PayoutDestination>;
}

export interface PayoutLedger {
  sources(org: string, currency: string): Promise<PayoutSources>;
  earnings(org: string, earningIds: readonly string[]): Promise<Map<string, PayoutEarningView>>;
  /**
   * Loads the batch stream and the earnings' streams, calls `decide` with their fresh state, and appends the batch
   * events and the ledger's events for `steps` at once, with every stream's expected revision (a concurrent writer:
   * reload and decide again). A refusal by either decider refuses everything.
   */
  decide<T>(
    org: string,
    batchId: string,
    earningIds: readonly string[],
    metadata: EventMetadata,
    decide: (batch: PayoutBatchState, earnings: ReadonlyMap<string, PayoutEarningView>) => PayoutDecision<T>,
    /** Re-reads on a concurrent writer (default LIMITS.eventStore.wrongExpectedVersionRetries). */
    retries?: number,
  ): Promise<{ result: T; position: Position | null; batch: PayoutBatchState }>;
}
