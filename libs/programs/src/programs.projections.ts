import { programApplicationProjection } from './applications/read-models/program-application/program-application.projection';
import { programCampaignCostProjection } from './campaigns/read-models/program-campaign-cost/program-campaign-cost.projection';
import { programCampaignProjection } from './campaigns/read-models/program-campaign/program-campaign.projection';
import { programCodeProjection } from './codes/read-models/program-code/program-code.projection';
import { programInfluencerProjection } from './influencers/read-models/program-influencer/program-influencer.projection';
import { programPayoutMethodProjection } from './influencers/read-models/program-payout-method/program-payout-method.projection';

export { programCampaignCostProjection, programCampaignProjection, programCodeProjection, programInfluencerProjection, programApplicationProjection };
export { programPayoutMethodProjection };

/** The programs read models, for apps/main/projections.ts. */
export const programsProjections = [programCampaignProjection, programCampaignCostProjection, programInfluencerProjection, programCodeProjection, programApplicationProjection,
  programPayoutMethodProjection];
