// Proves the operational endpoints on the real app: /health readiness with per-projection lag for an auditor (and
// 503 when the database is gone; exposure rules: health-exposure.e2e.spec.ts), /metrics in Prometheus text with the edge's metrics, a complete OpenAPI document at /docs, and an
// edge without interceptors.
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import type { ApplicationConfig } from '@nestjs/core';
import request from 'supertest';
import { appRoutes } from '@ledger/http';
import { startTestApp, type TestApp } from '../support/app';
import { healthClock } from '../support/health-clock';
import { ProbeModule } from './support/probe.module';

const health = healthClock();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: [ProbeModule, health.module] });
});
const auditor = () => t.auth({ roles: ['inf_auditor'] });
afterAll(() => t.close());

describe('the edge', () => {
  // docs/http-edge.md: Nest wraps each interceptor in rxjs and AsyncResource.bind on every request, which kept
  // whole request graphs alive into the old generation (the checkout tail, docs/performance.md).
  it('has no interceptors, global or on any controller or route', () => {
    expect((t.app as unknown as { config: ApplicationConfig }).config.getGlobalInterceptors()).toEqual([]);
    const routes = [...appRoutes(t.app)];
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /influencer/code/apply', 'POST /influencer/earning/release'])); // the scan sees the contexts' controllers
    const withInterceptors = routes.filter((r) => Reflect.getMetadata(INTERCEPTORS_METADATA, r.handler) || Reflect.getMetadata(INTERCEPTORS_METADATA, r.controller));
    expect(withInterceptors.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});

describe('GET /health', () => {
  it('200 ready, with each check and every projection with its lag', async () => {
    const res = await request(t.server).get('/health').set(await auditor()).expect(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      checks: {
        database: { ok: true },
        eventStore: { ok: true },
        projections: { ok: true, items: expect.arrayContaining([expect.objectContaining({ name: expect.any(String), running: true, lagEvents: expect.any(Number) })]) },
      },
    });
  });

  it('lists the attribution process manager with its lag; readiness does not depend on its running flag', async () => {
    const res = await request(t.server).get('/health').set(await auditor()).expect(200);
    const items: Array<{ name: string; kind: string; lagEvents: number }> = res.body.checks.projections.items;
    expect(items).toContainEqual(expect.objectContaining({ name: 'ledger_order_earnings_pm', kind: 'process_manager', lagEvents: expect.any(Number) }));
    expect(items.filter((i) => i.kind === 'projection').length).toBeGreaterThan(0);
  });
});

describe('GET /metrics', () => {
  it('exposes request duration, command latency, append rate and projection lag', async () => {
    await request(t.server).post('/influencer/whoami').set(await t.auth()).expect(200);
    await request(t.server).post('/influencer/probe/fail').set(await t.auth()).send({ kind: 'conflict' }).expect(409);
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^ledger_http_request_duration_seconds_bucket\{.*method="POST",route="\/influencer\/whoami",status="200"\}/m);
    expect(res.text).toMatch(/^ledger_command_duration_seconds_count\{command="\/influencer\/probe\/fail",outcome="PROBE.CONFLICT"\} 1$/m);
    expect(res.text).toContain('# TYPE ledger_events_appended_total counter');
    expect(res.text).toMatch(/^ledger_projection_lag_events\{projection="[a-z_]+"\} \d+$/m);
    expect(res.text).toContain('ledger_process_cpu_user_seconds_total');
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI', async () => {
    const res = await request(t.server).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('serves a complete OpenAPI document', async () => {
    const { body: doc } = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'code', 'errors']);
    expect(Object.keys(doc.components.parameters).sort()).toEqual(['ActorRole', 'ConsistencyPosition', 'CorrelationId', 'CostCentre', 'IdempotencyKey']);

    const whoami = doc.paths['/influencer/whoami'].post;
    expect(whoami.security).toBeUndefined(); // inherits bearer
    const refs = whoami.parameters.map((p: { $ref?: string }) => p.$ref);
    expect(refs).toEqual(expect.arrayContaining(['#/components/parameters/ActorRole', '#/components/parameters/CostCentre', '#/components/parameters/ConsistencyPosition']));
    expect(refs).not.toContain('#/components/parameters/IdempotencyKey'); // read-only
    expect(whoami.responses['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(doc.components.responses.BadRequest.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });

    const command = doc.paths['/influencer/probe/note'].post;
    expect(command.parameters.map((p: { $ref?: string }) => p.$ref)).toContain('#/components/parameters/IdempotencyKey');
    expect(Object.keys(command.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '409', '413', '415', '500', '503']));
    expect(command.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ProbeNote' });

    const acting = doc.paths['/influencer/probe/act'].post;
    expect(acting.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Actor-Role', in: 'header', required: true })]));
    expect(acting['x-ledger-acting-roles']).toEqual(['inf_finance', 'inf_admin']);

    expect(doc.paths['/influencer/probe/ingest'].post.requestBody.content['application/x-ndjson']).toBeDefined();
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/metrics'].get.security).toEqual([]);
  });
});

describe('OpenAPI completeness, for every capability', () => {
  it('every JSON request body is a schema that lists its properties (DTO fields need @ApiProperty)', async () => {
    const { body: doc } = await request(t.server).get('/docs/openapi.json').expect(200);
    const undocumented: string[] = [];
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const ref: string | undefined = op?.requestBody?.content?.['application/json']?.schema?.$ref;
        if (!ref) continue;
        const schema = doc.components.schemas[ref.replace('#/components/schemas/', '')];
        const own = Object.keys(schema?.properties ?? {}).length;
        const inherited = (schema?.allOf ?? []).length;
        if (own === 0 && inherited === 0) undocumented.push(`${method.toUpperCase()} ${path} (${ref})`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe('when the database is gone', () => {
  it('/health answers 503 not_ready (checked last: it ends this app)', async () => {
    await t.runtime.db.destroy();
    health.expire(); // the ready answer of the tests above is still inside its one-second window
    const res = await request(t.server).get('/health').set(await auditor()).expect(503);
    expect(res.body.status).toBe('not_ready');
    expect(res.body.checks.database).toMatchObject({ ok: false, error: 'database_unreachable' });
    expect(res.headers['retry-after']).toBeDefined();
  });
});

