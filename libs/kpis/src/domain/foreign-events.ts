// Events of other helpers' contexts (payouts, modifications, fraud, disputes) that are not in
// @ledger/contracts on this branch yet: the few fields the KPIs read, by type string, as named in
// notes/contracts.md. After merge, switch each to its contract type; the fields read stay the same.
import type { Money } from '@ledger/kernel';

export interface EarningAdjustedFields { earningId: string; amount: Money; at?: string }
export interface MakeGoodGrantedFields { earningId: string; influencerId: string; campaignId: string; amount: Money; at?: string }
export interface EarningPaymentReturnedFields { earningId: string; amount: Money; at?: string }
export interface FraudFlagRaisedFields { flagId: string; rule: string; influencerId: string; orderId?: string; at?: string }
export interface FraudFlagReviewedFields { flagId: string; decision: 'release' | 'reverse'; at?: string }
export interface DisputeOpenedFields { disputeId: string; subject?: { kind?: string; id?: string }; at?: string }

export const FOREIGN_EARNING_EVENT_TYPES = ['EarningAdjusted', 'MakeGoodGranted', 'EarningPaymentReturned', 'EarningFinalized', 'EarningUnfinalized'] as const;
export const FRAUD_EVENT_TYPES = ['FraudFlagRaised', 'FraudFlagReviewed'] as const;
export const DISPUTE_EVENT_TYPES = ['DisputeOpened'] as const;
