import { INF_USER_ROLES } from '@ledger/contracts';

/** Comments and the inbox: any person of the org (not inf_integration). */
export const COLLABORATION_ROLES = INF_USER_ROLES;

/** Who may hide and unhide comments. */
export const COMMENT_MODERATOR_ROLES = ['inf_owner', 'inf_admin'] as const;
