import { INF_USER_ROLES, PARTNER_ROLE } from '@ledger/contracts';

/** Disputes are read by every staff role and by partner tokens (their own only). */
export const INF_READER_ROLES_FOR_DISPUTES = [...INF_USER_ROLES, PARTNER_ROLE] as const;
export { CLOCK, type Clock } from '@ledger/kernel';
