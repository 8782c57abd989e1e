// Proves the grant decider given/when/then: who may grant which role, the interval rules (validFrom inclusive,
// validUntil exclusive, checked at the edges with fixed instants), revocation once, and nothing on ended grants.
import { Conflict, DeciderSpecification, Forbidden, NotFound, ValidationFailed } from '@ledger/kernel';
import type { GrantCreated } from '@ledger/contracts';
import { grantDecider, grantInForce, type GrantCommand } from './grant.decider';

const spec = DeciderSpecification.for(grantDecider);
const NOW = '2026-06-01T12:00:00.000Z';
const owner = { actorId: 'olga', roles: ['inf_owner'] };
const admin = { actorId: 'adam', roles: ['inf_admin'] };

const create = (data: Partial<Extract<GrantCommand, { type: 'CreateGrant' }>['data']> = {}): GrantCommand => ({
  type: 'CreateGrant',
  data: { grantId: 'g1', actorId: 'fiona', role: 'inf_finance', by: admin, now: NOW, ...data },
});
const revoke = (data: Partial<Extract<GrantCommand, { type: 'RevokeGrant' }>['data']> = {}): GrantCommand => ({
  type: 'RevokeGrant',
  data: { grantId: 'g1', reasonCode: 'left_team', by: admin, now: NOW, ...data },
});
const created = (data: Partial<GrantCreated> = {}) => ({
  type: 'GrantCreated' as const,
  data: { grantId: 'g1', actorId: 'fiona', role: 'inf_finance', validFrom: '2026-05-01T00:00:00.000Z', grantedBy: 'adam', grantedAt: '2026-05-01T00:00:00.000Z', ...data },
});

describe('CreateGrant', () => {
  it('a permanent grant starts now when validFrom is left out', () => {
    spec.given([]).when(create()).then([{ type: 'GrantCreated', data: { grantId: 'g1', actorId: 'fiona', role: 'inf_finance', validFrom: NOW, grantedBy: 'adam', grantedAt: NOW } }]);
  });

  it('a scheduled, time-bounded grant keeps both instants', () => {
    spec
      .given([])
      .when(create({ validFrom: '2026-07-01T00:00:00.000Z', validUntil: '2026-08-01T00:00:00.000Z' }))
      .then([created({ validFrom: '2026-07-01T00:00:00.000Z', validUntil: '2026-08-01T00:00:00.000Z', grantedAt: NOW })]);
  });

  it('an admin may not grant inf_admin nor inf_owner: 403', () => {
    spec.given([]).when(create({ role: 'inf_admin' })).thenThrows(Forbidden, 'GOVERNANCE.OWNER_ONLY_ROLE');
    spec.given([]).when(create({ role: 'inf_owner' })).thenThrows(Forbidden, 'GOVERNANCE.OWNER_ONLY_ROLE');
  });

  it('the owner may grant inf_admin', () => {
    spec.given([]).when(create({ role: 'inf_admin', by: owner })).then([created({ role: 'inf_admin', validFrom: NOW, grantedBy: 'olga', grantedAt: NOW })]);
  });

  it('an owner acting as admin is judged as an admin', () => {
    spec.given([]).when(create({ role: 'inf_admin', by: { actorId: 'olga', roles: ['inf_admin'] } })).thenThrows(Forbidden, 'GOVERNANCE.OWNER_ONLY_ROLE');
  });

  it('validUntil must lie after validFrom (an empty interval is refused, the edge included)', () => {
    spec.given([]).when(create({ validFrom: '2026-07-01T00:00:00.000Z', validUntil: '2026-07-01T00:00:00.000Z' })).thenThrows(ValidationFailed);
  });

  it('a grant that would already have ended is refused; one ending 1 ms after now is not', () => {
    spec.given([]).when(create({ validFrom: '2026-05-01T00:00:00.000Z', validUntil: NOW })).thenThrows(ValidationFailed);
    spec.given([]).when(create({ validFrom: '2026-05-01T00:00:00.000Z', validUntil: '2026-06-01T12:00:00.001Z' })).then([created({ validUntil: '2026-06-01T12:00:00.001Z', grantedAt: NOW })]);
  });

  it('roles of machines and partners are not grantable', () => {
    spec.given([]).when(create({ role: 'inf_integration' })).thenThrows(ValidationFailed);
    spec.given([]).when(create({ role: 'inf_partner' })).thenThrows(ValidationFailed);
  });

  it('a grant id is used once', () => {
    spec.given([created()]).when(create()).thenThrows(Conflict, 'GOVERNANCE.GRANT_EXISTS');
  });
});

describe('RevokeGrant', () => {
  it('revokes with the reason, actor and role of the grant', () => {
    spec.given([created()]).when(revoke()).then([{ type: 'GrantRevoked', data: { grantId: 'g1', actorId: 'fiona', role: 'inf_finance', reasonCode: 'left_team', revokedBy: 'adam', at: NOW } }]);
  });

  it('an unknown grant: 404', () => {
    spec.given([]).when(revoke()).thenThrows(NotFound, 'GOVERNANCE.GRANT_NOT_FOUND');
  });

  it('twice: 409', () => {
    spec.given([created(), { type: 'GrantRevoked', data: { grantId: 'g1', actorId: 'fiona', role: 'inf_finance', reasonCode: 'x', revokedBy: 'adam', at: NOW } }]).when(revoke()).thenThrows(Conflict, 'GOVERNANCE.GRANT_ALREADY_REVOKED');
  });

  it('an ended grant: 409 (its end instant is already outside it)', () => {
    spec.given([created({ validUntil: NOW })]).when(revoke()).thenThrows(Conflict, 'GOVERNANCE.GRANT_ENDED');
  });

  it('a scheduled grant may be revoked before it starts', () => {
    spec.given([created({ validFrom: '2026-09-01T00:00:00.000Z' })]).when(revoke()).then([{ type: 'GrantRevoked', data: { grantId: 'g1', actorId: 'fiona', role: 'inf_finance', reasonCode: 'left_team', revokedBy: 'adam', at: NOW } }]);
  });

  it('only the owner revokes an inf_admin grant', () => {
    spec.given([created({ role: 'inf_admin', grantedBy: 'olga' })]).when(revoke()).thenThrows(Forbidden, 'GOVERNANCE.OWNER_ONLY_ROLE');
    spec.given([created({ role: 'inf_admin', grantedBy: 'olga' })]).when(revoke({ by: owner })).then([{ type: 'GrantRevoked', data: { grantId: 'g1', actorId: 'fiona', role: 'inf_admin', reasonCode: 'left_team', revokedBy: 'olga', at: NOW } }]);
  });
});

describe('grantInForce: [validFrom, validUntil)', () => {
  const grant = { validFrom: '2026-07-01T00:00:00.000Z', validUntil: '2026-08-01T00:00:00.000Z' };
  it.each([
    ['1 ms before validFrom', '2026-06-30T23:59:59.999Z', false],
    ['exactly validFrom (inclusive)', '2026-07-01T00:00:00.000Z', true],
    ['1 ms before validUntil', '2026-07-31T23:59:59.999Z', true],
    ['exactly validUntil (exclusive)', '2026-08-01T00:00:00.000Z', false],
  ])('%s', (_what, at, expected) => {
    expect(grantInForce(grant, new Date(at))).toBe(expected);
  });

  it('a permanent grant never ends', () => {
    expect(grantInForce({ validFrom: grant.validFrom }, new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });
});
