// Payout and dispute events as the reward queue reads them: owned by other contexts, read through their
// contract types (`@ledger/contracts`); only which types, and a dispute's state after each, live here.
import type { EventType } from '@ledger/contracts';

/** A dispute's state after each of its events (SPEC: open → under_review → resolved | rejected | withdrawn). */
export const DISPUTE_STATE_AFTER: Partial<Record<EventType, string>> = {
  DisputeOpened: 'open',
  DisputeReviewStarted: 'under_review',
  DisputeResolved: 'resolved',
  DisputeRejected: 'rejected',
  DisputeWithdrawn: 'withdrawn',
};

export const PAYOUT_EVENT_TYPES = ['EarningFinalized', 'EarningUnfinalized', 'EarningPaymentReturned', 'EarningAdjusted', 'PayoutBatchApproved'] as const satisfies readonly EventType[];
