// Inputs and outcome of the attribution engine.
import type { AssistedTouch, AttributionBasis, CampaignRules, OrderRecorded, TouchRecorded } from '@ledger/contracts';
import type { CatalogView } from './catalog.view';

export type OrderForAttribution = Pick<OrderRecorded, 'orderId' | 'channel' | 'customerRef' | 'occurredAt' | 'codes'>;

export type TouchForAttribution = Pick<
  TouchRecorded,
  'touchId' | 'code' | 'codeKind' | 'touchKind' | 'campaignId' | 'influencerId' | 'channel' | 'occurredAt'
>;

export interface AttributionInput {
  order: OrderForAttribution;
  /** The customer's touches, at most LIMITS.attribution.touchesPerCustomer (the loader bounds them). */
  touches: readonly TouchForAttribution[];
  catalog: CatalogView;
}

/** A touch the engine considers: a recorded touch, or a code carried on the order (at the order's time). */
export interface Candidate {
  source: 'touch' | 'order_code';
  touchId: string | null;
  code: string;
  touchKind: TouchRecorded['touchKind'];
  occurredAt: string;
  atMs: number;
}

export const CANDIDATE_REJECTIONS = [
  'touch_after_order',
  'unknown_code',
  'campaign_inactive',
  'outside_window',
  'outside_campaign_period',
  'channel_not_eligible',
  'code_channel_not_eligible',
  'code_inactive',
  'code_not_yet_valid',
  'code_expired',
  'model_mismatch',
  'influencer_inactive',
] as const;
export type CandidateRejection = (typeof CANDIDATE_REJECTIONS)[number];

export interface RejectedCandidate {
  code: string;
  touchId: string | null;
  touchKind: TouchRecorded['touchKind'];
  touchedAt: string;
  reason: CandidateRejection;
}

export interface AttributionWinner {
  campaignId: string;
  influencerId: string;
  code: string;
  rulesVersion: number;
  rules: CampaignRules;
  basis: AttributionBasis;
}

export type NoAttributionReason = 'no_candidates' | 'no_qualifying_touch';

export type AttributionOutcome =
  | {
      attributed: true;
      winner: AttributionWinner;
      /** Every other qualifying touch, oldest first. */
      assisted: AssistedTouch[];
      /** The order's customer is one of the winner's own customer refs; for the fraud module, never blocks. */
      selfReferral: boolean;
      rejected: RejectedCandidate[];
    }
  | {
      attributed: false;
      reason: NoAttributionReason;
      /** Always empty: any qualifying touch would have won. Kept so both branches read alike. */
      assisted: AssistedTouch[];
      /** Why each candidate did not qualify (first failing check), oldest first. */
      rejected: RejectedCandidate[];
    };
