// Proves /health's exposure over HTTP on the real app (fresh database): anyone gets the status and nothing
// else; an auditor's token (or admin/owner) and METRICS_TOKEN get the checks; a sent credential is judged
// (401 wrong, 403 without a detail role); /metrics needs METRICS_TOKEN when set (401 problem+json); 50
// concurrent calls run the checks once (ledger_health_computations_total); no raw error text when the
// database is gone.
import request from 'supertest';
import { HEALTH_ERROR_CODES } from '../../libs/http/src/health/health.answer';
import { healthClock } from '../support/health-clock';
import { startTestApp, type TestApp } from '../support/app';

const METRICS_TOKEN = 'metrics-token-for-e2e-0123456789abcdef';
const health = healthClock();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: [health.module], env: { METRICS_TOKEN } });
});
afterAll(() => t.close());
beforeEach(() => health.expire());

const metricsBearer = { Authorization: `Bearer ${METRICS_TOKEN}` };

async function computations(): Promise<number> {
  const res = await request(t.server).get('/metrics').set(metricsBearer).expect(200);
  const match = /^ledger_health_computations_total (\d+)$/m.exec(res.text);
  return match ? Number(match[1]) : 0;
}

describe('GET /health', () => {
  it('anonymous: the status only', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ready' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([['inf_auditor'], ['inf_admin'], ['inf_owner']])('a token with %s: the checks, each projection with its lag', async (role) => {
    const res = await request(t.server).get('/health').set(await t.auth({ roles: [role] })).expect(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      computedAt: expect.any(String),
      checks: {
        database: { ok: true },
        eventStore: { ok: true },
        projections: { ok: true, items: expect.arrayContaining([expect.objectContaining({ running: true, lagEvents: expect.any(Number) })]) },
        parked: { ok: true, items: [] },
      },
    });
  });

  it('METRICS_TOKEN: the checks', async () => {
    const res = await request(t.server).get('/health').set(metricsBearer).expect(200);
    expect(res.body.checks.database).toEqual({ ok: true, ms: expect.any(Number) });
  });

  it('a token without a detail role: 403; a wrong credential: 401 — never a silent status-only answer', async () => {
    const finance = await request(t.server).get('/health').set(await t.auth({ roles: ['inf_finance'] })).expect(403);
    expect(finance.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(finance.body.code).toBe('ROLE_REQUIRED');
    const wrong = await request(t.server).get('/health').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
    expect(wrong.body.checks).toBeUndefined();
    await request(t.server).get('/health').set('Authorization', 'Basic abc').expect(401);
  });

  it('50 concurrent calls run the checks once', async () => {
    const before = await computations();
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(t.server).get('/health')));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect((await computations()) - before).toBe(1);
    // Still inside the window: served from the cache.
    await request(t.server).get('/health').expect(200);
    expect((await computations()) - before).toBe(1);
    health.expire();
    await request(t.server).get('/health').expect(200);
    expect((await computations()) - before).toBe(2);
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  it('401 problem+json without it or with another token; 200 with it', async () => {
    const missing = await request(t.server).get('/metrics').expect(401);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.code).toBe('AUTH.TOKEN_MISSING');
    expect((await request(t.server).get('/metrics').set(await t.auth()).expect(401)).body.code).toBe('AUTH.METRICS_TOKEN_INVALID');
    const ok = await request(t.server).get('/metrics').set(metricsBearer).expect(200);
    expect(ok.text).toContain('ledger_health_computations_total');
  });
});

describe('when the database is gone (last: it ends this app)', () => {
  it('503 not_ready; the details say database_unreachable, never the driver\'s text', async () => {
    await t.runtime.db.destroy();
    health.expire();
    const anonymous = await request(t.server).get('/health').expect(503);
    expect(anonymous.body).toEqual({ status: 'not_ready' });
    expect(anonymous.headers['retry-after']).toBeDefined();
    const detailed = await request(t.server).get('/health').set(metricsBearer).expect(503);
    expect(detailed.body.checks.database).toEqual({ ok: false, ms: expect.any(Number), error: 'database_unreachable' });
    // Kysely says "driver has already been destroyed": that text stays in the log.
    expect(detailed.text).not.toMatch(/destroyed|driver|pool|ECONN/i);
    const errors = Object.values<{ error?: string }>(detailed.body.checks).map((c) => c.error).filter((e) => e !== undefined);
    for (const error of errors) expect(HEALTH_ERROR_CODES).toContain(error);
  });
});
