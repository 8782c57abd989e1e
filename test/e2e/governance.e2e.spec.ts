// Proves grants and policies over real HTTP with the real clock on a fresh database: a role granted to an actor whose
// token lacks it works on the very next request (X-Actor-Role), a revocation is refused on the next one, a scheduled
// grant gives nothing yet; only the owner grants inf_owner / inf_admin and sets policies (403 for an admin); 400s
// name their fields, another org's grant is a 404, a second revocation a 409; every command answers a position.
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

const ORG = 'gov-org';
const post = async (path: string, body: object, claims: { sub: string; roles: string[]; org?: string }, actingRole?: string) => {
  let req = request(t.server).post(`/influencer/${path}`).set(await t.auth({ org: ORG, ...claims }));
  if (actingRole) req = req.set('X-Actor-Role', actingRole);
  return req.send(body);
};
const owner = { sub: 'olga', roles: ['inf_owner'] };
const admin = { sub: 'adam', roles: ['inf_admin'] };
const fred = { sub: 'fred', roles: ['inf_viewer'] };
/** A command that needs the acting role inf_finance and appends nothing when there is nothing due. */
const releaseDue = (actor = fred) => post('earning/release-due', { asOf: new Date().toISOString() }, actor, 'inf_finance');
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('grants take effect for the next request', () => {
  let grantId: string;

  it('without the role: 403 ACTING_ROLE_NOT_HELD', async () => {
    const res = await releaseDue();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACTING_ROLE_NOT_HELD');
  });

  it('granted by an admin → the next request in that role works; whoami shows it beside the token roles', async () => {
    const granted = await post('grant/create', { actorId: 'fred', role: 'inf_finance' }, admin);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ actorId: 'fred', role: 'inf_finance', state: 'in_force', validUntil: null, grantedBy: 'adam' });
    expect(granted.body.position).toMatch(/^\d+-\d+$/);
    grantId = granted.body.id;
    expect((await releaseDue()).status).toBe(200);
    const whoami = await post('whoami', {}, fred);
    expect(whoami.body).toMatchObject({ tokenRoles: ['inf_viewer'] });
    expect(whoami.body.roles.sort()).toEqual(['inf_finance', 'inf_viewer']);
  });

  it('grant/list shows it, by actor and by state', async () => {
    const listed = await post('grant/list', { actorId: 'fred', state: 'in_force' }, admin);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((g: { id: string }) => g.id)).toEqual([grantId]);
    expect(listed.body.nextCursor).toBeNull();
  });

  it('revoked → the next request in that role is refused; revoking again is a 409', async () => {
    const revoked = await post('grant/revoke', { grantId, reasonCode: 'left_finance' }, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: grantId, state: 'revoked', revokedBy: 'adam', revokeReasonCode: 'left_finance' });
    const res = await releaseDue();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACTING_ROLE_NOT_HELD');
    const again = await post('grant/revoke', { grantId, reasonCode: 'left_finance' }, admin);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('GOVERNANCE.GRANT_ALREADY_REVOKED');
  });

  it('a scheduled grant not yet in force gives nothing: 403; it is listed as scheduled', async () => {
    const scheduled = await post('grant/create', { actorId: 'gina', role: 'inf_finance', validFrom: inAnHour() }, admin);
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.state).toBe('scheduled');
    expect((await releaseDue({ sub: 'gina', roles: ['inf_viewer'] })).status).toBe(403);
    const listed = await post('grant/list', { actorId: 'gina' }, admin);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: scheduled.body.id, state: 'scheduled' })]);
  });

  it('a time-bounded grant in force now works until its end', async () => {
    const bounded = await post('grant/create', { actorId: 'hugo', role: 'inf_finance', validFrom: new Date(Date.now() - 60_000).toISOString(), validUntil: inAnHour() }, admin);
    expect(bounded.status).toBe(201);
    expect(bounded.body.state).toBe('in_force');
    expect((await releaseDue({ sub: 'hugo', roles: [] })).status).toBe(200);
  });

  it('a grant opens routes guarded by @Roles too, not only acting roles', async () => {
    expect((await post('grant/list', {}, { sub: 'ivy', roles: ['inf_viewer'] })).status).toBe(403);
    expect((await post('grant/create', { actorId: 'ivy', role: 'inf_auditor' }, admin)).status).toBe(201);
    expect((await post('grant/list', {}, { sub: 'ivy', roles: ['inf_viewer'] })).status).toBe(200);
  });
});

describe('who may grant what', () => {
  it('an admin may not grant inf_admin nor inf_owner: 403; the owner may', async () => {
    for (const role of ['inf_admin', 'inf_owner']) {
      const res = await post('grant/create', { actorId: 'jo', role }, admin);
      expect([role, res.status, res.body.code]).toEqual([role, 403, 'GOVERNANCE.OWNER_ONLY_ROLE']);
    }
    const byOwner = await post('grant/create', { actorId: 'jo', role: 'inf_admin' }, owner);
    expect(byOwner.status).toBe(201);
    // jo is an admin from now on, by grant: and still may not grant inf_owner
    expect((await post('grant/create', { actorId: 'kim', role: 'inf_viewer' }, { sub: 'jo', roles: [] })).status).toBe(201);
    expect((await post('grant/create', { actorId: 'kim', role: 'inf_owner' }, { sub: 'jo', roles: [] })).status).toBe(403);
    // and an admin may not revoke the owner's inf_admin grant
    const revoke = await post('grant/revoke', { grantId: byOwner.body.id, reasonCode: 'x' }, admin);
    expect([revoke.status, revoke.body.code]).toEqual([403, 'GOVERNANCE.OWNER_ONLY_ROLE']);
  });

  it('other roles may not grant at all: 403 ROLE_REQUIRED', async () => {
    const res = await post('grant/create', { actorId: 'kim', role: 'inf_viewer' }, { sub: 'fin', roles: ['inf_finance'] });
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_REQUIRED']);
  });

  it('bad input: 400 problem+json naming every field', async () => {
    const res = await post('grant/create', { role: 'inf_partner', validFrom: 'tomorrow', extra: 1 }, admin);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actorId', 'extra', 'role', 'validFrom']);
    const empty = await post('grant/create', { actorId: 'kim', role: 'inf_viewer', validFrom: inAnHour(), validUntil: new Date().toISOString() }, admin);
    expect([empty.status, empty.body.errors]).toEqual([400, [{ field: 'validUntil', problem: 'must be after validFrom' }]]);
    const revoke = await post('grant/revoke', { grantId: 'g', reasonCode: 'has space' }, admin);
    expect([revoke.status, revoke.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['reasonCode']]);
  });

  it("another org's grant is unknown here: 404; its roles do not reach this org", async () => {
    const theirs = await post('grant/create', { actorId: 'lea', role: 'inf_finance' }, { ...admin, org: 'other-org' });
    expect(theirs.status).toBe(201);
    const res = await post('grant/revoke', { grantId: theirs.body.id, reasonCode: 'x' }, admin);
    expect([res.status, res.body.code]).toEqual([404, 'GOVERNANCE.GRANT_NOT_FOUND']);
    expect((await releaseDue({ sub: 'lea', roles: [] })).status).toBe(403);
    expect((await post('grant/list', { actorId: 'lea' }, admin)).body.items).toEqual([]);
  });
});

describe('policy/set: the primary owner only', () => {
  const policy = { payout: { schedule: 'monthly', minPayoutByCurrency: { EUR: { amount: 5_000, currency: 'EUR' } } }, clawback: { afterPaid: 'negative_balance' } };

  it('an admin: 403, and nothing is set', async () => {
    const res = await post('policy/set', policy, admin);
    expect([res.status, res.body.code]).toEqual([403, 'ROLE_REQUIRED']);
    expect((await post('policy/get', {}, fred)).body).toMatchObject({ payout: null, clawback: null, version: 0 });
  });

  it('an owner acting as admin: 403', async () => {
    const res = await post('policy/set', policy, { sub: 'olga', roles: ['inf_owner', 'inf_admin'] }, 'inf_admin');
    expect([res.status, res.body.code]).toEqual([403, 'GOVERNANCE.OWNER_ONLY_POLICY']);
  });

  it('the owner: 200 with the policy and a position; readers see it; a part left out keeps its value', async () => {
    const set = await post('policy/set', policy, owner);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ ...policy, version: 1, setBy: 'olga' });
    expect(set.body.position).toMatch(/^\d+-\d+$/);
    const changed = await post('policy/set', { clawback: { afterPaid: 'write_off' } }, owner);
    expect(changed.body).toMatchObject({ payout: policy.payout, clawback: { afterPaid: 'write_off' }, version: 2 });
    expect((await post('policy/get', {}, fred)).body).toMatchObject({ payout: policy.payout, clawback: { afterPaid: 'write_off' }, version: 2 });
    expect((await post('policy/get', {}, { ...fred, org: 'other-org' })).body).toMatchObject({ payout: null, version: 0 });
  });

  it('bad input: 400 naming fields', async () => {
    const res = await post('policy/set', { payout: { schedule: 'hourly', minPayoutByCurrency: { EUR: { amount: 1.5, currency: 'EUR' } } }, clawback: { afterPaid: 'forgive' } }, owner);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['clawback.afterPaid', 'payout.minPayoutByCurrency', 'payout.schedule']);
    const none = await post('policy/set', {}, owner);
    expect([none.status, none.body.errors]).toEqual([400, [{ field: 'payout', problem: 'payout or clawback is required' }]]);
  });
});
