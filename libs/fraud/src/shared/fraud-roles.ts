import { INF_USER_ROLES } from '@ledger/contracts';

/** Reviews a flag (release or reverse): the fraud reviewer only, acting in that role (never automatic). */
export const FRAUD_REVIEW_ROLES = ['inf_fraud_reviewer'] as const;
/** Sets the org's fraud rules: the owner (API.md "fraud/rules/set (owner)"). */
export const FRAUD_RULES_ROLES = ['inf_owner'] as const;
/** Reads flags, rules and the reward queue: any person of the org (not inf_integration). */
export const FRAUD_READER_ROLES = INF_USER_ROLES;
