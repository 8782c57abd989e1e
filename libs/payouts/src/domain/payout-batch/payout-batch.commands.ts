// Commands on a payout batch's stream (payout-<org>.<batchId>). Times, ids and actors arrive in the command.
import type { PayoutBatchItemPlan, PayoutSkipReason } from '@ledger/contracts';

export type CreatePayoutBatch = {
  type: 'CreatePayoutBatch';
  data: {
    batchId: string; currency: string; asOf: string; createdBy: string;
    items: PayoutBatchItemPlan[]; skipped: Array<{ influencerId: string; reason: PayoutSkipReason }>; skippedCount: number; now: string;
  };
};
/** Four eyes: the approver is not the creator. */
export type ApprovePayoutBatch = { type: 'ApprovePayoutBatch'; data: { approvedBy: string; role: string; now: string } };
export type CancelPayoutBatch = { type: 'CancelPayoutBatch'; data: { cancelledBy: string; reasonCode: string; now: string } };
/** approved → executing; on an executing batch a no-op (the caller resumes sending pending items). */
export type StartPayoutExecution = { type: 'StartPayoutExecution'; data: { startedBy: string; now: string } };
/** Failed items (below the attempt limit) back to pending, to be sent again with the same key. */
export type RetryPayoutBatch = { type: 'RetryPayoutBatch'; data: { now: string } };
/** What the provider said about one item (its answer to a send, a webhook, or finance's report of a bank file). */
export type RecordItemOutcome = {
  type: 'RecordItemOutcome';
  data:
    | { itemId: string; outcome: 'posted'; providerRef: string; now: string }
    | { itemId: string; outcome: 'failed'; failureCode: string; failureMessage: string; now: string }
    | { itemId: string; outcome: 'returned'; reasonCode: string; providerRef?: string; now: string };
};
export type CancelPayoutItem = { type: 'CancelPayoutItem'; data: { itemId: string; reasonCode: string; now: string } };

export type PayoutBatchCommand =
  | CreatePayoutBatch | ApprovePayoutBatch | CancelPayoutBatch | StartPayoutExecution | RetryPayoutBatch | RecordItemOutcome | CancelPayoutItem;
