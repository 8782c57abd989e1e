import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import { INF_USER_ROLES, PARTNER_ROLE } from '@ledger/contracts';
import { assert, NotFound } from '@ledger/kernel';
import type { RequestContext } from '@ledger/runtime';

export const PARTNER_SCOPE = 'ledger:partnerScope';

/**
 * How a route confines a partner-facing token (inf_partner, `sub` = influencer id) to its own
 * influencer. A route without this declaration refuses such a token (403 PARTNER_ROUTE_NOT_ALLOWED).
 */
export interface PartnerScope {
  /**
   * The request body field that names the influencer: absent → filled with the token's sub before
   * validation; another influencer's id → 404, as for an id this caller cannot know.
   */
  requestField?: string;
  /**
   * The read-model column holding the influencer id of each row the route reads: queries filter on it
   * with partnerRows(ctx), so a get of another influencer's row is a 404 and a list holds only own rows.
   */
  rowColumn?: string;
}

/**
 * Opens the route to partner-facing tokens, confined as `scope` says (at least one of requestField /
 * rowColumn). The scope is in the OpenAPI document (`x-ledger-partner-scope`) and in docs/roles.md.
 */
export const PartnerScoped = (scope: PartnerScope): MethodDecorator => {
  if (scope.requestField === undefined && scope.rowColumn === undefined) throw new Error('@PartnerScoped needs a requestField or a rowColumn');
  return applyDecorators(SetMetadata(PARTNER_SCOPE, scope), ApiExtension('x-ledger-partner-scope', scope));
};

const STAFF_ROLES = new Set<string>(INF_USER_ROLES);

/**
 * The influencer a caller is confined to: its sub, when its effective roles hold inf_partner and no
 * role of staff (a partner granted a staff role acts as staff). Undefined for everyone else.
 */
export function partnerInfluencerOf(roles: readonly string[], actorId: string): string | undefined {
  return roles.includes(PARTNER_ROLE) && !roles.some((role) => STAFF_ROLES.has(role)) ? actorId : undefined;
}

/** Applies a route's requestField to the (parsed, not yet validated) body; validation judges the rest. */
export function confineRequestBody(req: Request, scope: PartnerScope, influencerId: string): void {
  const field = scope.requestField;
  const body = req.body as unknown;
  if (field === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const value = (body as Record<string, unknown>)[field];
  if (value === undefined) (body as Record<string, unknown>)[field] = influencerId;
  else if (typeof value === 'string' && value !== influencerId) {
    throw new NotFound('PARTNER.NOT_FOUND', `Influencer ${value} does not exist.`);
  }
}

/**
 * The query layer's half: `.$call(partnerRows(ctx))` keeps only the partner's rows (the route's
 * rowColumn, or `column`); for staff it changes nothing. Every query of a @PartnerScoped route calls it.
 */
export function partnerRows<QB extends { where(column: any, op: '=', value: string): any }>(ctx: RequestContext, column?: string): (qb: QB) => QB {
  return (qb) => {
    if (ctx.partner === undefined) return qb;
    const rowColumn = column ?? ctx.partner.rowColumn;
    assert(rowColumn !== undefined, 'partnerRows: the route declares no rowColumn and none was given');
    return qb.where(rowColumn, '=', ctx.partner.influencerId) as QB;
  };
}
