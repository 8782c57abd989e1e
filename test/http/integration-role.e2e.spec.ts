// Proves the machine role inf_integration over real HTTP: an integration-only token reaches SCM intake (order/*,
// scm/ingest), touch/record, code/apply and whoami, and nothing else — no program, ledger or audit route, no hold.
import request from 'supertest';
import { INTEGRATION_ROLE } from '@ledger/contracts';
import { appRoutes, IS_PUBLIC, OPEN_TO_INTEGRATION, REQUIRED_ACTING_ROLES, REQUIRED_ROLES } from '@ledger/http';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let integration: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ runProjections: false });
  integration = await t.auth({ sub: 'scm-bridge', roles: [INTEGRATION_ROLE] });
});
afterAll(() => t.close());

const post = (path: string, body: object, auth = integration) => request(t.server).post(`/influencer/${path}`).set(auth).send(body);
const order = (orderId: string) => ({
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: 'ecommerce',
  customerRef: 'cust-1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'TEE', quantity: 1, unitPrice: 2_000 }],
});

it('every route an integration-only token may reach is named here (a new route stays closed until added)', () => {
  const open: string[] = [];
  for (const { method, path, handler, controller } of appRoutes(t.app)) {
    const meta = <T>(key: string) => (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
    if (meta<boolean>(IS_PUBLIC)) continue;
    const roles = meta<string[]>(REQUIRED_ROLES);
    const acting = meta<string[]>(REQUIRED_ACTING_ROLES);
    const reachable = roles ? roles.includes(INTEGRATION_ROLE) : meta<boolean>(OPEN_TO_INTEGRATION) === true;
    if (reachable && !(acting && !acting.includes(INTEGRATION_ROLE))) open.push(`${method} ${path.replace(/\/+/g, '/')}`);
  }
  expect(open.sort()).toEqual([
    'POST /influencer/code/apply',
    'POST /influencer/order/cancel',
    'POST /influencer/order/get',
    'POST /influencer/order/list',
    'POST /influencer/order/record',
    'POST /influencer/order/return',
    'POST /influencer/scm/ingest',
    'POST /influencer/touch/record',
    'POST /influencer/whoami',
  ]);
});

describe('allowed', () => {
  it('order/record, order/get and scm/ingest', async () => {
    const recorded = await post('order/record', order('o-int-1')).expect(200);
    expect(recorded.body).toMatchObject({ orderId: 'o-int-1', recorded: true });
    await request(t.server).post('/influencer/scm/ingest').set(integration).set('Content-Type', 'application/x-ndjson')
      .send(`${JSON.stringify({ type: 'OrderPlaced', ...order('o-int-2') })}\n`).expect(200);
    await post('order/list', {}).expect(200);
  });

  it('touch/record and code/apply', async () => {
    expect((await post('touch/record', { code: 'NOPE', kind: 'click', channel: 'ecommerce', customerRef: 'c1', occurredAt: new Date().toISOString() }).expect(200)).body).toMatchObject({ recorded: false });
    expect((await post('code/apply', { code: 'NOPE', channel: 'ecommerce', customerRef: 'c1' }).expect(200)).body).toMatchObject({ valid: false });
  });

  it('whoami', async () => {
    expect((await post('whoami', {}).expect(200)).body).toMatchObject({ actorId: 'scm-bridge', roles: [INTEGRATION_ROLE] });
  });
});

describe('refused with 403 problem+json', () => {
  it.each([
    ['campaign/list', {}],
    ['campaign/create', { name: 'x' }],
    ['code/list', {}],
    ['profile/list', {}],
    ['balance/get', { influencerId: 'i1' }],
    ['projection/status', {}],
    ['earning/list', {}],
    ['audit/stream', { stream: 'order-test-org.o-int-1' }],
  ])('%s', async (path, body) => {
    const res = await post(path, body);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('ROLE_REQUIRED');
  });

  it('a hold, even when acting as inf_integration', async () => {
    const res = await request(t.server).post('/influencer/earning/hold').set(integration).set('X-Actor-Role', INTEGRATION_ROLE).send({ earningIds: ['e1'] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACTING_ROLE_NOT_ALLOWED');
  });

  it('a person\'s token with inf_integration besides keeps that person\'s rights', async () => {
    await post('campaign/list', {}, await t.auth({ roles: [INTEGRATION_ROLE, 'inf_viewer'] })).expect(200);
  });
});
