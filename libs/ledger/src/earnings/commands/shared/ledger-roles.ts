// Who may do what on the ledger (docs/dev-notes, "Roles"). The role is the X-Actor-Role the
// command is performed in, recorded on its events.
import { INF_USER_ROLES } from '@ledger/contracts';

export const HOLD_ROLES = ['inf_owner', 'inf_admin', 'inf_finance', 'inf_fraud_reviewer'] as const;
export const RELEASE_DUE_ROLES = ['inf_owner', 'inf_admin', 'inf_finance'] as const;
/** Queries: any role of a person (not inf_integration). */
export const LEDGER_QUERY_ROLES = INF_USER_ROLES;
