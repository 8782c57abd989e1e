// Finance, in detail: inf_finance or inf_owner act; inf_auditor and inf_viewer read.
export const PAYOUT_COMMAND_ROLES = ['inf_owner', 'inf_finance'] as const;
/** Batches are created by finance; the four eyes are the approver's (another person). */
export const PAYOUT_CREATOR_ROLES = ['inf_finance'] as const;
export const PAYOUT_QUERY_ROLES = ['inf_owner', 'inf_finance', 'inf_auditor', 'inf_viewer'] as const;
