import type { RequestContext } from '@ledger/runtime';
import type { Authority } from '../domain';

/**
 * The roles a governance command is judged by: the X-Actor-Role when one is sent (an owner acting as
 * admin is an admin for this request), else every effective role of the actor.
 */
export function authorityOf(ctx: RequestContext): Authority {
  return { actorId: ctx.actorId, roles: ctx.actingRole !== undefined ? [ctx.actingRole] : ctx.roles };
}
