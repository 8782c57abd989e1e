// Who may do what with statements (API.md "Finance, in detail"). Partner tokens read their own through
// @PartnerScoped on statement/get | list (docs/http-edge.md "Partner access").
export const STATEMENT_ISSUE_ROLES = ['inf_finance', 'inf_owner'] as const;
export const STATEMENT_READ_ROLES = ['inf_finance', 'inf_owner', 'inf_auditor', 'inf_viewer'] as const;
