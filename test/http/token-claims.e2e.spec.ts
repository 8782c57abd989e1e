// Proves the token checks of an app configured with AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWT_MAX_LIFETIME_HOURS
// over real HTTP: another issuer or audience, a future iat, an over-long lifetime and a token without iat are 401
// problem+json; the checks hold when the same token comes again (verified-token cache, ADR 0007).
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

const ISSUER = 'https://idp.example/';
const AUDIENCE = 'influencer-ledger';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ runProjections: false, env: { AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWT_MAX_LIFETIME_HOURS: '2' } });
});
afterAll(() => t.close());

const now = () => Math.floor(Date.now() / 1000);
const ours = { iss: ISSUER, aud: AUDIENCE };

async function whoami(claims: Record<string, unknown>): Promise<request.Response> {
  return request(t.server).post('/influencer/whoami').set(await t.auth(claims));
}

function expect401(res: request.Response, code: string): void {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 401, code, type: `urn:ledger:problem:${code}` });
}

it('accepts a token of the configured issuer for this audience, twice (the second from the cache)', async () => {
  const claims = { ...ours, iat: now(), exp: now() + 3_600 };
  const token = await t.tokenFor(claims);
  for (let i = 0; i < 2; i++) await request(t.server).post('/influencer/whoami').set('Authorization', `Bearer ${token}`).expect(200);
});

it.each([
  ['another audience', { iss: ISSUER, aud: 'crm' }],
  ['no audience', { iss: ISSUER }],
  ['another issuer', { iss: 'https://other-idp.example/', aud: AUDIENCE }],
])('401 AUTH.CLAIMS_INVALID for %s, also when sent again', async (_name, claims) => {
  const token = await t.tokenFor(claims);
  for (let i = 0; i < 2; i++) {
    expect401(await request(t.server).post('/influencer/whoami').set('Authorization', `Bearer ${token}`), 'AUTH.CLAIMS_INVALID');
  }
});

it('401 AUTH.TOKEN_ISSUED_IN_FUTURE for an iat beyond the clock tolerance', async () => {
  expect401(await whoami({ ...ours, iat: now() + 600, exp: now() + 3_600 }), 'AUTH.TOKEN_ISSUED_IN_FUTURE');
});

it('401 AUTH.TOKEN_LIFETIME_TOO_LONG for exp - iat above AUTH_JWT_MAX_LIFETIME_HOURS (an exp in year 3000 too)', async () => {
  expect401(await whoami({ ...ours, iat: now(), exp: now() + 2 * 3_600 + 1 }), 'AUTH.TOKEN_LIFETIME_TOO_LONG');
  expect401(await whoami({ ...ours, iat: now(), exp: Date.UTC(3000, 0, 1) / 1000 }), 'AUTH.TOKEN_LIFETIME_TOO_LONG');
  await whoami({ ...ours, iat: now(), exp: now() + 2 * 3_600 }).then((res) => expect(res.status).toBe(200));
});
