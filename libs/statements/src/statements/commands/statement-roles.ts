// Who may do what with statements (API.md "Finance, in detail").
export const STATEMENT_ISSUE_ROLES = ['inf_finance', 'inf_owner'] as const;
/** A partner-facing token: `sub` is an influencer id; it reads only that influencer's statements. */
export const PARTNER_ROLE = 'inf_partner';
export const STATEMENT_STAFF_READ_ROLES = ['inf_finance', 'inf_owner', 'inf_auditor', 'inf_viewer'] as const;
export const STATEMENT_READ_ROLES = [...STATEMENT_STAFF_READ_ROLES, PARTNER_ROLE] as const;

/** The influencer a caller is confined to: its own id for a partner token without a staff role, else none. */
export function partnerScope(roles: readonly string[], actorId: string): string | null {
  const staff = roles.some((r) => (STATEMENT_STAFF_READ_ROLES as readonly string[]).includes(r));
  return !staff && roles.includes(PARTNER_ROLE) ? actorId : null;
}
