// What the modification service is asked to do: each request is one decider command on one earning
// stream, all of a call appended at once. Shared by earning/adjust | reverse | make-good | import and
// the dispute flow (libs/flows), which adds the dispute holds.
import type { Money } from '@ledger/kernel';

export type ModificationRequest =
  | {
      type: 'adjust'; earningId: string; modificationId: string; amount?: Money; commissionBase?: number;
      applyCurrentTerms: boolean; reasonCode: string; note?: string; disputeId?: string;
    }
  | { type: 'reverse'; earningId: string; modificationId: string; reasonCode: string; note?: string }
  | {
      type: 'make_good'; modificationId: string; influencerId: string; campaignId: string; amount: Money;
      originalEarningId?: string; disputeId?: string; reasonCode: string; note?: string;
    }
  /** Whatever the earning has left (amount − clawed back), as a make-good for another influencer: a dispute's reassign. */
  | { type: 'make_good_of_rest'; modificationId: string; influencerId: string; originalEarningId: string; disputeId: string; reasonCode: string; note?: string }
  | { type: 'dispute_hold'; earningId: string; disputeId: string; reasonCode: string; note?: string }
  | { type: 'dispute_release'; earningId: string; disputeId: string; reasonCode: string };

/** What a request left: the earning it touched (the new one for a make-good) and whether anything was appended. */
export interface ModificationResult {
  earningId: string;
  applied: boolean;
  earning: {
    earningId: string; kind: string; influencerId: string; campaignId: string; orderId: string | null; level: number; state: string;
    amount: Money; accrued: Money; adjustments: Money; clawedBack: Money; paid: Money; rulesVersion: number;
  };
}
