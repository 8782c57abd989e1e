import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { assert, CLOCK, Forbidden, systemClock, Unauthorized, type Clock } from '@ledger/kernel';
import { InvalidRequest } from '../errors/edge-errors';
import { contextOf } from '@ledger/runtime';
import { INTEGRATION_ROLE } from '@ledger/contracts';
import { IS_PUBLIC, OPEN_TO_INTEGRATION, REQUIRED_ACTING_ROLES, REQUIRED_ROLES } from './auth.decorators';
import { EFFECTIVE_ROLES, noExtraRoles, type EffectiveRolesLookup } from './effective-roles';
import { JwtVerifier } from './jwt-verifier';
import { confineRequestBody, PARTNER_SCOPE, partnerInfluencerOf, type PartnerScope } from './partner-scope';
import { headerValue, parseActorRoleHeader, parseCostCentreHeader, parseIdempotencyKeyHeader } from './request-headers';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(). Completes the
 * request context (org and actor from the token, effective roles, acting role, cost centre,
 * idempotency key) and enforces @Roles and @RequiresActingRole.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly effectiveRoles: EffectiveRolesLookup;
  private readonly clock: Clock;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    @Optional() @Inject(EFFECTIVE_ROLES) effectiveRoles?: EffectiveRolesLookup,
    @Optional() @Inject(CLOCK) clock?: Clock,
  ) {
    this.effectiveRoles = effectiveRoles ?? noExtraRoles;
    this.clock = clock ?? systemClock;
  }

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = execution.switchToHttp().getRequest<Request>();
    const ctx = contextOf(req);
    assert(ctx, 'request context missing: the context middleware did not run');

    const token = bearerToken(headerValue(req.headers, 'authorization'));
    const claims = await this.verifier.verify(token);
    const granted = await this.effectiveRoles(claims.org, claims.actorId, this.clock.now());
    ctx.org = claims.org;
    ctx.actorId = claims.actorId;
    ctx.tokenRoles = [...claims.roles];
    ctx.roles = [...new Set([...claims.roles, ...granted])];
    ctx.authenticated = true;

    // A partner-facing token reaches only the routes that say how it is confined to its own influencer.
    const partnerOf = partnerInfluencerOf(ctx.roles, ctx.actorId);
    const partnerScope = partnerOf === undefined ? undefined : this.reflector.get<PartnerScope | undefined>(PARTNER_SCOPE, execution.getHandler());
    if (partnerOf !== undefined) {
      if (!partnerScope) throw new Forbidden('PARTNER_ROUTE_NOT_ALLOWED', 'A partner token may not perform this operation.');
      ctx.partner = { influencerId: partnerOf, ...(partnerScope.rowColumn === undefined ? {} : { rowColumn: partnerScope.rowColumn }) };
    }

    const costCentre = parseCostCentreHeader(headerValue(req.headers, 'x-cost-centre'));
    if (costCentre) ctx.costCentre = costCentre;
    const idempotencyKey = parseIdempotencyKeyHeader(headerValue(req.headers, 'idempotency-key'));
    if (idempotencyKey) ctx.idempotencyKey = idempotencyKey;

    const actingRole = parseActorRoleHeader(headerValue(req.headers, 'x-actor-role'));
    const actingRoles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ACTING_ROLES, targets);
    if (actingRoles && actingRole === undefined) {
      throw new InvalidRequest('ACTING_ROLE_REQUIRED', `This operation needs the X-Actor-Role header (one of: ${actingRoles.join(', ')}).`, [
        { field: 'header:X-Actor-Role', problem: `required; one of ${actingRoles.join(', ')}` },
      ]);
    }
    if (actingRole !== undefined) {
      if (actingRoles && !actingRoles.includes(actingRole)) {
        throw new Forbidden('ACTING_ROLE_NOT_ALLOWED', `Role ${actingRole} may not perform this operation (allowed: ${actingRoles.join(', ')}).`);
      }
      if (!ctx.roles.includes(actingRole)) {
        throw new Forbidden('ACTING_ROLE_NOT_HELD', `You do not hold the role ${actingRole}.`);
      }
      ctx.actingRole = actingRole;
    }

    if (ctx.partner && partnerScope) {
      confineRequestBody(req, partnerScope, ctx.partner.influencerId);
      return true; // @PartnerScoped is what opens a route to partners, whatever its @Roles say
    }

    const anyOf = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    if (anyOf && !anyOf.some((role) => ctx.roles.includes(role))) {
      throw new Forbidden('ROLE_REQUIRED', `This operation needs one of the roles: ${anyOf.join(', ')}.`);
    }
    if (!anyOf && isIntegrationOnly(ctx.roles) && !this.reflector.getAllAndOverride<boolean>(OPEN_TO_INTEGRATION, targets)) {
      throw new Forbidden('ROLE_REQUIRED', `The role ${INTEGRATION_ROLE} may not perform this operation.`);
    }
    // A partner-facing token reads its own data on the routes that name inf_partner, and nothing open to "any token".
    if (!anyOf && ctx.roles.length > 0 && ctx.roles.every((role) => role === PARTNER_TOKEN_ROLE)) {
      throw new Forbidden('ROLE_REQUIRED', `The role ${PARTNER_TOKEN_ROLE} may not perform this operation.`);
    }
    return true;
  }
}

/** A partner-facing token (sub = an influencer id); the JWT verifier knows it (jwt-verifier.ts). */
const PARTNER_TOKEN_ROLE = 'inf_partner';

/** A machine token: inf_integration and no role of a person, so routes open to "any token" are not open to it. */
function isIntegrationOnly(roles: readonly string[]): boolean {
  return roles.includes(INTEGRATION_ROLE) && roles.every((role) => role === INTEGRATION_ROLE);
}

function bearerToken(authorization: string | undefined): string {
  if (!authorization) throw new Unauthorized('AUTH.TOKEN_MISSING', 'A bearer token is required (Authorization: Bearer <JWT>).');
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new Unauthorized('AUTH.TOKEN_MISSING', 'The Authorization header must be "Bearer <JWT>".');
  return match[1]!;
}
