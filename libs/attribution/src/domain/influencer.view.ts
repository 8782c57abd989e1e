// What the engine needs to know about an influencer: status over time, parent, identities.
import type { InfluencerStatus } from '@ledger/contracts';
import { statusAt, type StatusChange } from './status-timeline';

export interface InfluencerView {
  influencerId: string;
  parentId?: string;
  /** The influencer's own customer refs, for self-referral detection. */
  customerRefs: readonly string[];
  /** Starts with the registered status (`active`, or `applied` for an application). */
  statusHistory: ReadonlyArray<StatusChange<InfluencerStatus>>;
}

export function influencerStatusAt(influencer: InfluencerView, atMs: number): InfluencerStatus {
  return statusAt(influencer.statusHistory, atMs);
}

/**
 * Only an `active` influencer wins attribution or earns a referral share. Suspended influencers do
 * not accrue while suspended (a suspension is a stop, not a payout hold — payouts have their own
 * hold), terminated, applied and rejected ones never do.
 */
export function influencerMayEarnAt(influencer: InfluencerView, atMs: number): boolean {
  return influencerStatusAt(influencer, atMs) === 'active';
}
