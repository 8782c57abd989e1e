// The programs context's public surface: the pure domain, the HTTP capability, the read models.
export * from './domain';
export * from './programs.http.module';
export * from './programs.projections';
export { PROGRAM_EVENTS_READER, type ProgramEventsReader } from './shared/own-program-writes';
export type { ProgramsTables } from './programs.tables';
export type { ProgramCampaignTable, ProgramCampaignRulesVersionTable, CampaignStatusChange } from './campaigns/read-models/program-campaign/program-campaign.table';
export type { ProgramCampaignCostTable } from './campaigns/read-models/program-campaign-cost/program-campaign-cost.table';
export type { ProgramInfluencerTable } from './influencers/read-models/program-influencer/program-influencer.table';
export type { ProgramCodeTable } from './codes/read-models/program-code/program-code.table';
export type { ProgramApplicationTable } from './applications/read-models/program-application/program-application.table';
export { APPLICATION_SUBMIT_RATE_BOUNDS, type ApplicationSubmitRateBounds } from './applications/commands/submit-application/submit-rate.guard';
