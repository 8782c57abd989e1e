import type { ProgramApplicationPartialDB } from './applications/read-models/program-application/program-application.table';
import type { ProgramCampaignCostPartialDB } from './campaigns/read-models/program-campaign-cost/program-campaign-cost.table';
import type { ProgramCampaignPartialDB } from './campaigns/read-models/program-campaign/program-campaign.table';
import type { ProgramCodePartialDB } from './codes/read-models/program-code/program-code.table';
import type { ProgramInfluencerPartialDB } from './influencers/read-models/program-influencer/program-influencer.table';
import type { ProgramPayoutMethodPartialDB } from './influencers/read-models/program-payout-method/program-payout-method.table';

/** Every programs read model, for the queries' `Kysely<ProgramsTables>`. */
export type ProgramsTables = ProgramCampaignPartialDB & ProgramCampaignCostPartialDB & ProgramInfluencerPartialDB & ProgramCodePartialDB & ProgramApplicationPartialDB
  & ProgramPayoutMethodPartialDB;
