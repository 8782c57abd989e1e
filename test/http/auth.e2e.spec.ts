// Proves the bearer-token guard and the request context over real HTTP: pinned HS256, exp/nbf, alg none and
// foreign algorithms refused, claims checked, acting role and @Roles enforced, grants (grant/create) counted via EFFECTIVE_ROLES.
import request from 'supertest';
import { generateKeyPair, SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../support/app';
import { ProbeModule } from './support/probe.module';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: [ProbeModule] });
  // `granted-actor` of test-org holds inf_finance through a grant, not the token (the governance module's EFFECTIVE_ROLES).
  await request(t.server).post('/influencer/grant/create').set(await t.auth({ sub: 'owner', roles: ['inf_owner'] })).send({ actorId: 'granted-actor', role: 'inf_finance' }).expect(201);
});
afterAll(() => t.close());

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expectProblem(res: request.Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: `urn:ledger:problem:${code}` });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(Array.isArray(res.body.errors)).toBe(true);
}

const whoami = () => request(t.server).post('/influencer/whoami');

describe('bearer token', () => {
  it('accepts a valid HS256 token and takes org and actor from it', async () => {
    const res = await whoami().set(await t.auth({ sub: 'alice', org: 'acme', roles: ['inf_viewer', 'not_ours'] })).expect(200);
    expect(res.body).toMatchObject({ org: 'acme', actorId: 'alice', roles: ['inf_viewer'], tokenRoles: ['inf_viewer'] });
  });

  it('401 without a token, with WWW-Authenticate', async () => {
    const res = await whoami();
    await expectProblem(res, 401, 'AUTH.TOKEN_MISSING');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('401 for a non-Bearer Authorization header', async () => {
    await expectProblem(await whoami().set('Authorization', 'Basic dXNlcjpwYXNz'), 401, 'AUTH.TOKEN_MISSING');
  });

  it('401 for a bad signature', async () => {
    const forged = await new SignJWT({ sub: 'mallory', org: 'test-org', roles: ['inf_owner'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(now() + 600)
      .sign(new TextEncoder().encode('another-secret-that-is-long-enough-000000'));
    await expectProblem(await whoami().set('Authorization', `Bearer ${forged}`), 401, 'AUTH.BAD_SIGNATURE');
  });

  it('401 for an expired token', async () => {
    await expectProblem(await whoami().set(await t.auth({ exp: now() - 3600 })), 401, 'AUTH.TOKEN_EXPIRED');
  });

  it('401 for a token whose nbf is in the future', async () => {
    await expectProblem(await whoami().set(await t.auth({ nbf: now() + 3600 })), 401, 'AUTH.TOKEN_NOT_YET_VALID');
  });

  it('401 for alg none (unsigned token)', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'mallory', org: 'test-org', roles: ['inf_owner'], exp: now() + 600 })}.`;
    await expectProblem(await whoami().set('Authorization', `Bearer ${unsigned}`), 401, 'AUTH.ALGORITHM_NOT_ALLOWED');
  });

  it('401 for a token signed with another algorithm (HS512 with the same secret, RS256 with any key)', async () => {
    const hs512 = await new SignJWT({ sub: 'a', org: 'test-org' })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime(now() + 600)
      .sign(new TextEncoder().encode(t.secret));
    await expectProblem(await whoami().set('Authorization', `Bearer ${hs512}`), 401, 'AUTH.ALGORITHM_NOT_ALLOWED');
    const { privateKey } = await generateKeyPair('RS256');
    const rs256 = await new SignJWT({ sub: 'a', org: 'test-org' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime(now() + 600).sign(privateKey);
    await expectProblem(await whoami().set('Authorization', `Bearer ${rs256}`), 401, 'AUTH.ALGORITHM_NOT_ALLOWED');
  });

  it('401 for garbage and for tokens without exp, sub or a valid org', async () => {
    await expectProblem(await whoami().set('Authorization', 'Bearer not.a.jwt'), 401, 'AUTH.TOKEN_INVALID');
    const noExp = await new SignJWT({ sub: 'a', org: 'test-org' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(t.secret));
    await expectProblem(await whoami().set('Authorization', `Bearer ${noExp}`), 401, 'AUTH.CLAIMS_INVALID');
    await expectProblem(await whoami().set(await t.auth({ org: 'bad org!' })), 401, 'AUTH.CLAIMS_INVALID');
    await expectProblem(await whoami().set(await t.auth({ roles: 'inf_owner' as unknown as string[] })), 401, 'AUTH.CLAIMS_INVALID');
  });

  it('public routes need no token', async () => {
    await request(t.server).get('/health').expect(200);
  });
});

describe('request context', () => {
  it('echoes the caller\'s correlation id, or generates one', async () => {
    const given = await whoami().set(await t.auth()).set('X-Correlation-Id', 'corr-123').expect(200);
    expect(given.headers['x-correlation-id']).toBe('corr-123');
    expect(given.body.correlationId).toBe('corr-123');
    const generated = await whoami().set(await t.auth()).expect(200);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the cost centre and the acting role', async () => {
    const res = await whoami().set(await t.auth()).set('X-Cost-Centre', 'CC 42').set('X-Actor-Role', 'inf_auditor').expect(200);
    expect(res.body).toMatchObject({ costCentre: 'CC 42', actingRole: 'inf_auditor' });
  });

  it('403 when X-Actor-Role is not one of the actor\'s roles, on any route', async () => {
    const res = await whoami().set(await t.auth({ roles: ['inf_viewer'] })).set('X-Actor-Role', 'inf_finance');
    await expectProblem(res, 403, 'ACTING_ROLE_NOT_HELD');
  });
});

describe('@RequiresActingRole', () => {
  const act = () => request(t.server).post('/influencer/probe/act');

  it('400 when X-Actor-Role is missing, naming the header', async () => {
    const res = await act().set(await t.auth());
    await expectProblem(res, 400, 'ACTING_ROLE_REQUIRED');
    expect(res.body.errors).toEqual([{ field: 'header:X-Actor-Role', problem: expect.stringContaining('inf_finance') }]);
  });

  it('403 when the role is held but not allowed for this operation', async () => {
    await expectProblem(await act().set(await t.auth()).set('X-Actor-Role', 'inf_viewer'), 403, 'ACTING_ROLE_NOT_ALLOWED');
  });

  it('403 when the role is allowed but not held', async () => {
    await expectProblem(await act().set(await t.auth({ roles: ['inf_viewer'] })).set('X-Actor-Role', 'inf_finance'), 403, 'ACTING_ROLE_NOT_HELD');
  });

  it('200 when held through the token', async () => {
    const res = await act().set(await t.auth({ roles: ['inf_finance'] })).set('X-Actor-Role', 'inf_finance').expect(200);
    expect(res.body).toEqual({ actingRole: 'inf_finance' });
  });

  it('200 when held through a grant (EFFECTIVE_ROLES), not the token', async () => {
    await act().set(await t.auth({ sub: 'granted-actor', roles: [] })).set('X-Actor-Role', 'inf_finance').expect(200);
    const me = await whoami().set(await t.auth({ sub: 'granted-actor', roles: ['inf_viewer'] })).expect(200);
    expect(me.body.roles.sort()).toEqual(['inf_finance', 'inf_viewer']);
    expect(me.body.tokenRoles).toEqual(['inf_viewer']);
  });
});

describe('@Roles', () => {
  it('403 without any of the roles, 200 with one', async () => {
    await expectProblem(await request(t.server).post('/influencer/probe/audit').set(await t.auth({ roles: ['inf_viewer'] })), 403, 'ROLE_REQUIRED');
    await request(t.server).post('/influencer/probe/audit').set(await t.auth({ roles: ['inf_auditor'] })).expect(200);
  });
});
