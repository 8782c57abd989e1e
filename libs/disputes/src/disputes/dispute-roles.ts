import { PARTNER_ROLE } from '@ledger/contracts';
import type { RequestContext } from '@ledger/runtime';

/** Staff who review, resolve and reject disputes (and may open them for anyone). */
export const DISPUTE_STAFF_ROLES = ['inf_finance', 'inf_owner', 'inf_admin', 'inf_fraud_reviewer'] as const;
/** Who may open, withdraw, get and list: staff, or a partner token for its own disputes (those routes are @PartnerScoped). */
export const DISPUTE_PARTY_ROLES = [...DISPUTE_STAFF_ROLES, PARTNER_ROLE] as const;

/**
 * The influencer a partner token acts for (its `sub`), or null for staff: a partner sees and acts on its own
 * disputes only. The edge decides who is a partner (docs/http-edge.md "Partner access") and sets ctx.partner.
 */
export function partnerOf(ctx: RequestContext): string | null {
  return ctx.partner?.influencerId ?? null;
}
