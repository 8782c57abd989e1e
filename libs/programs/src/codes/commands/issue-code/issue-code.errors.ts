import { Conflict } from '@ledger/kernel';

export class CampaignClosedForCodes extends Conflict {
  constructor(campaignId: string) {
    super('CODE.CAMPAIGN_CLOSED', `Campaign ${campaignId} is closed: it takes no new codes.`);
  }
}

export class InfluencerTerminatedForCodes extends Conflict {
  constructor(influencerId: string) {
    super('CODE.INFLUENCER_TERMINATED', `Influencer ${influencerId} is terminated: they get no new codes.`);
  }
}
