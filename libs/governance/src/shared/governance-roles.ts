// Who may do what in governance (SPEC "Governance"; API.md "Trust, governance, collaboration").
import { INF_USER_ROLES } from '@ledger/contracts';

/** grant/create | revoke: the owner or an admin; only the owner touches inf_owner / inf_admin grants (decider). */
export const GRANT_MANAGER_ROLES = ['inf_owner', 'inf_admin'] as const;
/** grant/list: those who manage grants and the auditor. */
export const GRANT_READER_ROLES = ['inf_owner', 'inf_admin', 'inf_auditor'] as const;
/** policy/set: the primary owner only (403 for everyone else, inf_admin included). */
export const POLICY_OWNER_ROLES = ['inf_owner'] as const;
/** policy/get: every role of a person (payout and finance work reads it). */
export const POLICY_READER_ROLES = INF_USER_ROLES;
