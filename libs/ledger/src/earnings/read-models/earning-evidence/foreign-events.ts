import type { Money } from '@ledger/kernel';

// Minimal structural types of events other helpers own (names agreed in notes/contracts.md) that are not in
// @ledger/contracts on this branch yet. Only the fields the evidence reads; switch to the contract types once merged.

/** payouts: earning-<org>.<earningId>, the earning locked to a batch item. */
export interface EarningFinalizedData { earningId: string; batchId: string; itemId: string; amount?: Money; at: string }
/** payouts: earning-<org>.<earningId>, the batch/item cancelled: the earning is no longer in it. */
export interface EarningUnfinalizedData { earningId: string; batchId: string; itemId: string; at: string }
/** payouts: payout-<org>.<batchId>. */
export interface PayoutBatchApprovedData { batchId: string; approvedBy: string; role: string; at: string }
/** payouts: payout-<org>.<batchId>, one item sent to the provider. */
export interface PayoutItemPostedData { batchId: string; itemId: string; earningIds: string[]; providerRef?: string | null; at: string }
/** fraud: fraudcheck-<org>.<orderId>, the fraud rules ran on an attributed order. */
export interface FraudCheckCompletedData { orderId: string; influencerId: string; rulesRun: string[]; result: 'clear' | 'flagged'; flagIds: string[]; at: string }
