import { INF_USER_ROLES } from '@ledger/contracts';

/** Who may change campaigns, profiles and codes (Wave 2 shared decision). */
export const PROGRAM_MANAGER_ROLES = ['inf_owner', 'inf_admin', 'inf_campaign_manager'] as const;

/** Queries: any role of a person of the org (not inf_integration). */
export const PROGRAM_READER_ROLES = INF_USER_ROLES;

/** Who may set an influencer's payout destination: finance (Finance, in detail) and the owner. */
export const PAYOUT_METHOD_ROLES = ['inf_owner', 'inf_finance'] as const;
