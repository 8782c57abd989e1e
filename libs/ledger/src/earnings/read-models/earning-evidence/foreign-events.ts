import type { EarningFinalized, EarningUnfinalized, FraudCheckCompleted, PayoutBatchApproved, PayoutItemPosted } from '@ledger/contracts';

// The other contexts' events the evidence reads (payouts, fraud), by their contract types.
export type EarningFinalizedData = EarningFinalized;
export type EarningUnfinalizedData = EarningUnfinalized;
export type PayoutBatchApprovedData = PayoutBatchApproved;
export type PayoutItemPostedData = PayoutItemPosted;
export type FraudCheckCompletedData = FraudCheckCompleted;
