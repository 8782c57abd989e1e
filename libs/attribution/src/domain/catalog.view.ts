// The catalog as the engine sees it: three lookups. The in-memory catalog of the programs context
// implements it with maps; `catalogOf` is the plain-list version for tests and tools.
import type { CampaignView } from './campaign.view';
import type { CodeView } from './code.view';
import type { InfluencerView } from './influencer.view';

export interface CatalogView {
  /** Exact lookup; a catalog that treats codes case-insensitively normalises here. */
  findCode(code: string): CodeView | undefined;
  findCampaign(campaignId: string): CampaignView | undefined;
  findInfluencer(influencerId: string): InfluencerView | undefined;
}

export interface CatalogContents {
  campaigns: readonly CampaignView[];
  codes: readonly CodeView[];
  influencers: readonly InfluencerView[];
}

export function catalogOf(contents: CatalogContents): CatalogView {
  const campaigns = new Map(contents.campaigns.map((c) => [c.campaignId, c] as const));
  const codes = new Map(contents.codes.map((c) => [c.code, c] as const));
  const influencers = new Map(contents.influencers.map((i) => [i.influencerId, i] as const));
  return {
    findCode: (code) => codes.get(code),
    findCampaign: (campaignId) => campaigns.get(campaignId),
    findInfluencer: (influencerId) => influencers.get(influencerId),
  };
}
