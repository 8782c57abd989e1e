// Payout and dispute events as the reward queue reads them. Other helpers define them (contracts.md); until
// they are in @ledger/contracts these minimal structural types, keyed by the event type string, are all this
// read model relies on (the integrator switches them to the contract types after merging).
import type { Money } from '@ledger/kernel';

export interface EarningFinalizedData { earningId: string; batchId: string; itemId: string; at: string }
export interface EarningUnfinalizedData { earningId: string; batchId: string; itemId: string; at: string }
export interface EarningPaymentReturnedData { earningId: string; batchId: string; itemId: string; amount: Money; at: string }
export interface EarningAdjustedData { earningId: string; amount: Money; at: string }
export interface PayoutBatchApprovedData { batchId: string; approvedBy: string; role?: string; at: string }
export interface DisputeOpenedData { disputeId: string; subject: { kind: string; id: string } }
export interface DisputeStateData { disputeId: string }

/** A dispute's state after each of its events (SPEC: open → under_review → resolved | rejected | withdrawn). */
export const DISPUTE_STATE_AFTER: Record<string, string> = {
  DisputeOpened: 'open',
  DisputeReviewStarted: 'under_review',
  DisputeResolved: 'resolved',
  DisputeRejected: 'rejected',
  DisputeWithdrawn: 'withdrawn',
};

export const PAYOUT_EVENT_TYPES = ['EarningFinalized', 'EarningUnfinalized', 'EarningPaymentReturned', 'EarningAdjusted', 'PayoutBatchApproved'] as const;
