import { GRANTABLE_ROLES, OWNER_ONLY_GRANT_ROLES, type DomainEvent, type GrantCreated } from '@ledger/contracts';
import { assert, assertNever, Conflict, Forbidden, NotFound, ValidationFailed, type Decider } from '@ledger/kernel';

/**
 * One grant's life: created (permanent, time-bounded or scheduled), then at most revoked.
 * In force over [validFrom, validUntil): the start instant is inside, the end instant is not, so two
 * grants that meet (one ends at T, the next starts at T) never overlap nor leave a gap.
 */
export type GrantState =
  | { status: 'none' }
  | { status: 'granted'; grant: GrantCreated }
  | { status: 'revoked'; grant: GrantCreated; revokedAt: string };

/** Who asks: the actor and the roles it holds (or acts in) at the time of the request. */
export interface Authority {
  actorId: string;
  roles: readonly string[];
}

export type GrantCommand =
  | { type: 'CreateGrant'; data: { grantId: string; actorId: string; role: string; validFrom?: string; validUntil?: string; by: Authority; now: string } }
  | { type: 'RevokeGrant'; data: { grantId: string; reasonCode: string; by: Authority; now: string } };

export type GrantEvent = DomainEvent<'GrantCreated'> | DomainEvent<'GrantRevoked'>;

const OWNER_ONLY = new Set<string>(OWNER_ONLY_GRANT_ROLES);
const GRANTABLE = new Set<string>(GRANTABLE_ROLES);

/** Whether a grant gives its role at `at` (half-open interval, see GrantState). */
export function grantInForce(grant: { validFrom: string; validUntil?: string | undefined }, at: Date): boolean {
  const ms = at.getTime();
  return Date.parse(grant.validFrom) <= ms && (grant.validUntil === undefined || ms < Date.parse(grant.validUntil));
}

export const grantDecider: Decider<GrantCommand, GrantEvent, GrantState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateGrant': {
        const { grantId, actorId, role, validUntil, by, now } = command.data;
        if (state.status !== 'none') throw new Conflict('GOVERNANCE.GRANT_EXISTS', `Grant ${grantId} already exists.`);
        if (!GRANTABLE.has(role)) throw new ValidationFailed([{ field: 'role', problem: `must be one of ${GRANTABLE_ROLES.join(', ')}` }]);
        requireOwnerFor(role, by, 'grant');
        const validFrom = command.data.validFrom ?? now;
        if (validUntil !== undefined) {
          const problems = [];
          if (Date.parse(validUntil) <= Date.parse(validFrom)) problems.push({ field: 'validUntil', problem: 'must be after validFrom' });
          else if (Date.parse(validUntil) <= Date.parse(now)) problems.push({ field: 'validUntil', problem: 'must be in the future: the grant would never be in force' });
          if (problems.length > 0) throw new ValidationFailed(problems);
        }
        return [{ type: 'GrantCreated', data: { grantId, actorId, role, validFrom, ...(validUntil === undefined ? {} : { validUntil }), grantedBy: by.actorId, grantedAt: now } }];
      }
      case 'RevokeGrant': {
        const { grantId, reasonCode, by, now } = command.data;
        if (state.status === 'none') throw new NotFound('GOVERNANCE.GRANT_NOT_FOUND', `Grant ${grantId} does not exist.`);
        requireOwnerFor(state.grant.role, by, 'revoke');
        if (state.status === 'revoked') throw new Conflict('GOVERNANCE.GRANT_ALREADY_REVOKED', `Grant ${grantId} was revoked at ${state.revokedAt}.`);
        const { validUntil } = state.grant;
        if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(now)) {
          throw new Conflict('GOVERNANCE.GRANT_ENDED', `Grant ${grantId} ended at ${validUntil}: there is nothing to revoke.`);
        }
        return [{ type: 'GrantRevoked', data: { grantId, actorId: state.grant.actorId, role: state.grant.role, reasonCode, revokedBy: by.actorId, at: now } }];
      }
      default:
        return assertNever(command, 'unknown grant command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'GrantCreated':
        assert(state.status === 'none', 'a grant is created once');
        return { status: 'granted', grant: event.data };
      case 'GrantRevoked':
        assert(state.status === 'granted', 'only a granted grant is revoked, once');
        return { status: 'revoked', grant: state.grant, revokedAt: event.data.at };
      default:
        return assertNever(event, 'unknown grant event');
    }
  },
};

function requireOwnerFor(role: string, by: Authority, verb: 'grant' | 'revoke'): void {
  if (OWNER_ONLY.has(role) && !by.roles.includes('inf_owner')) {
    throw new Forbidden('GOVERNANCE.OWNER_ONLY_ROLE', `Only the primary owner (inf_owner) may ${verb} ${role}.`);
  }
}
