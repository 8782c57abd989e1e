// Proves no route of the app can be made to fail on its own (5xx) or to append by malformed input: for every
// route of the route table (appRoutes), fast-check draws requests that no valid request looks like — from the
// route's OpenAPI body schema — and each must be a 4xx problem+json with nothing written to the event store.
// scm/ingest answers per line: there a 200 must reject every line. A valid token holding every role, and the
// acting role the route asks for, so input reaches validation. Bounded: FUZZ_RUNS requests a route (default
// 12); FUZZ_SEED replays a failure.
import fc from 'fast-check';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { appRoutes, buildOpenApiDocument } from '@ledger/http';
import { startTestApp, type TestApp } from '../support/app';
import { eventsWritten } from './support/events-written';
import { asJsonRequest, malformedFraming, malformedJsonBody, sampleOf, type MalformedRequest, type Schema } from './support/malformed-inputs';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const NDJSON_ROUTE = '/influencer/scm/ingest';
const SCM_FACT_ROUTES = { OrderPlaced: '/influencer/order/record', OrderReturned: '/influencer/order/return', OrderCancelled: '/influencer/order/cancel' } as const;

let t: TestApp;
let doc: OpenAPIObject;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  doc = buildOpenApiDocument(t.app);
  token = await t.tokenFor();
});
afterAll(() => t.close());

const normalise = (path: string) => `/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function operationOf(method: string, path: string): Record<string, any> | undefined {
  const openApiPath = path.replace(/:([A-Za-z]+)/g, '{$1}');
  return (doc.paths[openApiPath] as Record<string, any> | undefined)?.[method.toLowerCase()];
}

function bodySchemaOf(operation: Record<string, any> | undefined): Schema | undefined {
  return operation?.requestBody?.content?.['application/json']?.schema as Schema | undefined;
}

/** An NDJSON body of SCM facts, each line malformed by itself. */
function malformedNdjson(): fc.Arbitrary<MalformedRequest> {
  const line = fc.constantFrom(...(Object.entries(SCM_FACT_ROUTES) as Array<[string, string]>)).chain(([type, route]) =>
    malformedJsonBody(doc, bodySchemaOf(operationOf('POST', route))!).map(({ what, body }) => ({ what: `${type}: ${what}`, line: JSON.stringify({ type, ...(body as object) }) })),
  );
  return fc.array(line, { minLength: 1, maxLength: 5 }).map((lines) => ({ what: lines.map((l) => l.what).join(' | '), contentType: 'application/x-ndjson', body: `${lines.map((l) => l.line).join('\n')}\n` }));
}

function malformedFor(method: string, path: string): fc.Arbitrary<MalformedRequest> | null {
  if (method !== 'POST') return null;
  if (path === NDJSON_ROUTE) {
    const valid = JSON.stringify({ type: 'OrderPlaced', ...(sampleOf(doc, bodySchemaOf(operationOf('POST', SCM_FACT_ROUTES.OrderPlaced))!) as object) });
    return fc.oneof(malformedNdjson(), malformedFraming(valid, 'application/x-ndjson').filter((r) => !r.what.startsWith('not a JSON object')));
  }
  const schema = bodySchemaOf(operationOf(method, path));
  // A POST without a body schema (whoami) reads no body: only what the edge refuses for every route applies.
  if (!schema) return fc.oneof(malformedJsonBody(doc, {}, { unknownFields: false }).map(asJsonRequest), malformedFraming('{}', 'application/json'));
  return fc.oneof({ arbitrary: malformedJsonBody(doc, schema).map(asJsonRequest), weight: 3 }, { arbitrary: malformedFraming(JSON.stringify(sampleOf(doc, schema)), 'application/json'), weight: 1 });
}

async function send(method: string, path: string, actingRole: string | undefined, input: MalformedRequest): Promise<request.Response> {
  let req = request(t.server).post(path).set('Authorization', `Bearer ${token}`).set('Content-Type', input.contentType);
  if (actingRole) req = req.set('X-Actor-Role', actingRole);
  if (input.contentEncoding) req = req.set('Content-Encoding', input.contentEncoding);
  return req.serialize((body: unknown) => body as string).send(input.body as string);
}

const written = () => eventsWritten(t.db);

describe('every POST route refuses malformed input: 4xx problem+json, nothing appended', () => {
  it('covers the whole route table', () => {
    const routes = [...appRoutes(t.app)].map((r) => `${r.method} ${normalise(r.path)}`);
    const fuzzed = routes.filter((r) => r.startsWith('POST '));
    expect(fuzzed.length).toBeGreaterThan(30);
    for (const route of fuzzed) expect([route, malformedFor('POST', route.slice(5)) !== null]).toEqual([route, true]);
  });

  it('each route, each input', async () => {
    const findings: string[] = [];
    let sent = 0;
    let routes = 0;
    for (const route of [...appRoutes(t.app)]) {
      const path = normalise(route.path);
      const arbitrary = malformedFor(route.method, path);
      if (!arbitrary) continue;
      routes += 1;
      const actingRole = (operationOf(route.method, path)?.['x-ledger-acting-roles'] as string[] | undefined)?.[0];
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          sent += 1;
          const before = await written();
          const res = await send(route.method, path, actingRole, input);
          const after = await written();
          const perLine = path === NDJSON_ROUTE && res.status === 200;
          const ok =
            after === before &&
            (perLine
              ? res.body.summary?.recorded === 0 && res.body.summary?.duplicate === 0
              : res.status >= 400 && res.status < 500 && /^application\/problem\+json/.test(res.headers['content-type'] ?? '') && typeof res.body.code === 'string');
          if (!ok) findings.push(`${route.method} ${path} — ${input.what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}${after === before ? '' : ' (APPENDED)'}`);
          return ok;
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
      ).catch(() => undefined); // collected in findings: one report for every route
    }
    expect(findings).toEqual([]);
    expect(sent).toBe(routes * RUNS);
  }, 30_000 + RUNS * 2_000); // a deep FUZZ_RUNS exploration takes ~0.2 s a run over every route
});

describe('GET routes with a path parameter (the share-link redirect)', () => {
  const BAD_PARAMS = ['%00', '%ED%A0%80', '%E0%A4%A', 'x'.repeat(5_000), '..%2F..%2Fetc', '%F0%9F%98%80', 'a%20b', '%C0%AF', '__proto__', 'constructor'];

  it('no 5xx and nothing appended, whatever the parameter', async () => {
    const templates = [...appRoutes(t.app)].filter((r) => r.method === 'GET' && r.path.includes(':')).map((r) => normalise(r.path));
    expect(templates.length).toBeGreaterThan(0);
    const findings: string[] = [];
    for (const template of templates) {
      for (const param of BAD_PARAMS) {
        const path = template.replace(/:[A-Za-z]+/g, param);
        const before = await written();
        const res = await request(t.server).get(path).set('Authorization', `Bearer ${token}`);
        if (res.status >= 500 || (await written()) !== before) findings.push(`GET ${template} with ${param.slice(0, 20)} → ${res.status}`);
      }
    }
    expect(findings).toEqual([]);
  });
});
