import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { InfRole } from '@ledger/contracts';
import { Forbidden, Unauthorized, type Clock } from '@ledger/kernel';
import type { EffectiveRolesLookup } from '../auth/effective-roles';
import type { JwtVerifier } from '../auth/jwt-verifier';
import { headerValue } from '../auth/request-headers';

/** Who may read /health's checks (lags, parked consumers, failing dependencies): people who audit or run the org's ledger. */
export const HEALTH_DETAIL_ROLES: readonly InfRole[] = ['inf_auditor', 'inf_admin', 'inf_owner'];

/**
 * Compares a presented secret with the configured one in time independent of where they differ and of
 * their lengths: both are hashed first, so timingSafeEqual always compares 32 bytes.
 */
export function secretMatches(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export function bearerOf(req: Request): string | null {
  const header = headerValue(req.headers, 'authorization');
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new Unauthorized('AUTH.TOKEN_MISSING', 'The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

/**
 * /metrics with METRICS_TOKEN set: that bearer, or 401. Without it configured, /metrics stays public
 * (a scraper inside the cluster), as before.
 */
export function requireMetricsToken(req: Request, metricsToken: string | null): void {
  if (metricsToken === null) return;
  const presented = bearerOf(req);
  if (presented === null) throw new Unauthorized('AUTH.TOKEN_MISSING', 'Metrics need Authorization: Bearer <METRICS_TOKEN>.');
  if (!secretMatches(presented, metricsToken)) throw new Unauthorized('AUTH.METRICS_TOKEN_INVALID', 'The bearer token is not the metrics token.');
}

export interface HealthAccessDependencies {
  verifier: JwtVerifier;
  effectiveRoles: EffectiveRolesLookup;
  clock: Clock;
  metricsToken: string | null;
}

/**
 * Whether this caller sees /health's details. No Authorization header: status only (probes and load
 * balancers). A credential that was sent is judged like on any route — a wrong one is a 401, a JWT
 * without a detail role a 403 — so an operator learns why details are missing instead of guessing.
 */
export async function mayReadHealthDetails(req: Request, deps: HealthAccessDependencies): Promise<boolean> {
  const presented = bearerOf(req);
  if (presented === null) return false;
  if (deps.metricsToken !== null && secretMatches(presented, deps.metricsToken)) return true;
  const claims = await deps.verifier.verify(presented);
  const granted = await deps.effectiveRoles(claims.org, claims.actorId, deps.clock.now());
  const roles = new Set([...claims.roles, ...granted]);
  if (HEALTH_DETAIL_ROLES.some((role) => roles.has(role))) return true;
  throw new Forbidden('ROLE_REQUIRED', `Health details need one of the roles: ${HEALTH_DETAIL_ROLES.join(', ')} (or the metrics token).`);
}
