// Proves grant/create never answers success before the grant can take effect: with the projections stopped (the read
// model the effective-roles lookup reads never catches up) it answers 503 GOVERNANCE.GRANT_NOT_YET_VISIBLE after its
// bounded wait, with Retry-After, the grant recorded in its stream — and the actor's next request is still refused.
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ runProjections: false });
}, 120_000);
afterAll(() => t?.close());

it('503 with Retry-After when the grant is recorded but not yet visible; no role meanwhile', async () => {
  const res = await request(t.server)
    .post('/influencer/grant/create')
    .set(await t.auth({ sub: 'olga', roles: ['inf_owner'] }))
    .send({ actorId: 'fred', role: 'inf_finance' });
  expect(res.status).toBe(503);
  expect(res.body.code).toBe('GOVERNANCE.GRANT_NOT_YET_VISIBLE');
  expect(res.headers['retry-after']).toBeDefined();
  const recorded = await t.eventStore.readAll({ after: null, maxCount: 10, filter: { eventTypes: ['GrantCreated'] } });
  expect(recorded.map((e) => e.data)).toEqual([expect.objectContaining({ actorId: 'fred', role: 'inf_finance', grantedBy: 'olga' })]);
  const next = await request(t.server).post('/influencer/earning/release-due').set(await t.auth({ sub: 'fred', roles: [] })).set('X-Actor-Role', 'inf_finance').send({});
  expect([next.status, next.body.code]).toEqual([403, 'ACTING_ROLE_NOT_HELD']);
}, 30_000);
