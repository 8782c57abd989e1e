// ApplyCode's answer, computed from the catalog alone so checkout never waits on anything else.
import type { Channel, CodeKind, Discount } from '@ledger/contracts';
import { epochMs } from './business-time';
import { campaignProblemAt, rulesAt } from './campaign.view';
import type { CatalogView } from './catalog.view';
import { codeAllowsChannel, codeProblemAt } from './code.view';
import { influencerMayEarnAt } from './influencer.view';

export type CodeRefusal =
  | 'unknown_code'
  | 'inactive'
  | 'channel_not_eligible'
  | 'expired'
  | 'not_yet_valid'
  | 'campaign_inactive'
  | 'influencer_inactive';

export type CodeValidation =
  | {
      valid: true;
      code: string;
      kind: CodeKind;
      campaignId: string;
      influencerId: string;
      rulesVersion: number;
      /** The campaign's discount override for the channel, else the code's own discount. */
      discount?: Discount;
    }
  | { valid: false; reason: 'unknown_code' }
  | { valid: false; reason: Exclude<CodeRefusal, 'unknown_code'>; code: string; campaignId: string; influencerId: string };

/**
 * Checks, in this order, so the reason names the most specific problem: the code exists; its own
 * lifecycle at `at` (deactivated, not yet valid, expired); its channel limits; the campaign can
 * earn at `at` (campaignProblemAt: period, activation, pauses) and allows the channel; the
 * influencer may earn at `at`.
 */
export function validateCode(catalog: CatalogView, codeValue: string, channel: Channel, at: string): CodeValidation {
  const code = catalog.findCode(codeValue);
  if (code === undefined) return { valid: false, reason: 'unknown_code' };
  const atMs = epochMs(at);
  const refuse = (reason: Exclude<CodeRefusal, 'unknown_code'>): CodeValidation => ({
    valid: false,
    reason,
    code: code.code,
    campaignId: code.campaignId,
    influencerId: code.influencerId,
  });

  const lifecycleProblem = codeProblemAt(code, atMs);
  if (lifecycleProblem !== undefined) return refuse(lifecycleProblem);
  if (!codeAllowsChannel(code, channel)) return refuse('channel_not_eligible');

  const campaign = catalog.findCampaign(code.campaignId);
  if (campaign === undefined) return refuse('campaign_inactive');
  const version = rulesAt(campaign, atMs);
  if (campaignProblemAt(campaign, version.rules, atMs) !== undefined) return refuse('campaign_inactive');
  if (!version.rules.channels.includes(channel)) return refuse('channel_not_eligible');

  const influencer = catalog.findInfluencer(code.influencerId);
  if (influencer === undefined || !influencerMayEarnAt(influencer, atMs)) return refuse('influencer_inactive');

  const discount = version.rules.channelOverrides[channel]?.discount ?? code.discount;
  return {
    valid: true,
    code: code.code,
    kind: code.kind,
    campaignId: code.campaignId,
    influencerId: code.influencerId,
    rulesVersion: version.rulesVersion,
    ...(discount !== undefined ? { discount } : {}),
  };
}
