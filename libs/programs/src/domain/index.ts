// Programs domain: campaigns, influencer profiles, codes. Pure deciders and validators.
export * from './campaign/campaign.decider';
export * from './campaign/campaign.errors';
export * from './campaign/campaign-rules';
export * from './influencer/influencer-profile.decider';
export * from './influencer/influencer-profile.errors';
export * from './code/code.decider';
export * from './code/code.errors';
export { isIsoInstant } from './shared/field-checks';
export * from './application/application.decider';
export * from './application/application.errors';
export * from './application/approval';
export * from './application/intake-fields';
export * from './payout-method/payout-method.decider';
