import type { RewardCandidateTable, RewardStatus } from './reward-queue.table';

/** The facts of a candidate that decide its status. */
export interface StatusFacts {
  earningState: string;
  openFlags: number;
  disputeState: string | null;
  approved: boolean;
}

const OPEN_DISPUTE = new Set(['open', 'under_review']);

/**
 * One status per candidate, the first that holds:
 * clawed_back (nothing left to pay) → paid → flagged (an open fraud flag) → disputed (an open or
 * under-review dispute) → approved (in a payout batch a person approved, not yet paid) →
 * needs_approval (payable, no approved batch yet) → held (pending or held: the hold period runs, or a
 * manual hold). A human decision (review, dispute resolution, batch approval) is what moves a candidate on.
 */
export function rewardStatusOf(facts: StatusFacts): RewardStatus {
  if (facts.earningState === 'clawed_back') return 'clawed_back';
  if (facts.earningState === 'paid') return 'paid';
  if (facts.openFlags > 0) return 'flagged';
  if (facts.disputeState !== null && OPEN_DISPUTE.has(facts.disputeState)) return 'disputed';
  if (facts.approved) return 'approved';
  if (facts.earningState === 'payable') return 'needs_approval';
  return 'held';
}

export function statusOfRow(row: Pick<RewardCandidateTable, 'earning_state' | 'status'> & { open_flag_ids: string[]; dispute: { state: string } | null; approval: unknown }): RewardStatus {
  return rewardStatusOf({ earningState: row.earning_state, openFlags: row.open_flag_ids.length, disputeState: row.dispute?.state ?? null, approved: row.approval !== null && row.approval !== undefined });
}
