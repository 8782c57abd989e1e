// Proves every error leaves the edge as RFC 9457 problem+json with the right status and code: validation (every
// field, nested paths, unknown properties), malformed JSON, 404 routes, 413/415 with separate JSON and NDJSON limits,
// DomainError kinds → status, and 500 with a generic detail while the full error is logged.
import request from 'supertest';
import { LIMITS } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { ProbeModule } from './support/probe.module';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp({ modules: [ProbeModule], captureLogs: true });
  auth = await t.auth();
});
afterAll(() => t.close());

function expectProblem(res: request.Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Object.keys(res.body).sort()).toEqual(['code', 'correlationId', 'detail', 'errors', 'status', 'title', 'type']);
  expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
}

const post = (path: string) => request(t.server).post(path).set(auth);
const validOrder = { name: 'ok', lines: [{ sku: 'A', quantity: 1 }], attribution: { windowDays: 14 } };

describe('validation (400)', () => {
  it('accepts a valid body', async () => {
    await post('/influencer/probe/order').send(validOrder).expect(200, { ok: true, lines: 1 });
  });

  it('lists every invalid field, with nested paths', async () => {
    const res = await post('/influencer/probe/order').send({
      name: '',
      lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 0 }, { quantity: '2' }],
      attribution: { windowDays: 400 },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['attribution.windowDays', 'lines[1].quantity', 'lines[2].quantity', 'lines[2].sku', 'name']);
    for (const e of res.body.errors) expect(e.problem).toEqual(expect.any(String));
  });

  it('names every missing field of an empty body', async () => {
    const res = await post('/influencer/probe/order');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['attribution', 'lines', 'name']);
  });

  it('refuses unknown properties, top-level and nested (org never comes from the body)', async () => {
    const res = await post('/influencer/probe/order').send({ ...validOrder, org: 'someone-else', lines: [{ sku: 'A', quantity: 1, price: 3 }] });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'org', problem: 'property org should not exist' },
        { field: 'lines[0].price', problem: 'property price should not exist' },
      ]),
    );
  });

  it('400 MALFORMED_JSON for a body that is not JSON', async () => {
    expectProblem(await post('/influencer/probe/order').set('Content-Type', 'application/json').send('{"name": "x",'), 400, 'MALFORMED_JSON');
  });

  it('400 BODY_NOT_OBJECT for a JSON array', async () => {
    expectProblem(await post('/influencer/probe/order').send([validOrder]), 400, 'BODY_NOT_OBJECT');
  });

  it('400 for malformed context headers', async () => {
    const res = await post('/influencer/whoami').set('X-Cost-Centre', 'x'.repeat(LIMITS.http.costCentreChars + 1));
    expectProblem(res, 400, 'HEADER_INVALID');
    expect(res.body.errors[0].field).toBe('header:X-Cost-Centre');
  });
});

describe('routes (404)', () => {
  it('unknown routes answer problem+json', async () => {
    expectProblem(await post('/influencer/nothing/here').send({}), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await request(t.server).get('/nope'), 404, 'ROUTE_NOT_FOUND');
  });
});

describe('content type (415) and size (413)', () => {
  it('415 for a JSON route sent another content type', async () => {
    expectProblem(await post('/influencer/probe/order').set('Content-Type', 'text/plain').send('hello'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await post('/influencer/probe/order').set('Content-Type', 'application/x-ndjson').send('{}\n'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('415 for an NDJSON route sent JSON', async () => {
    expectProblem(await post('/influencer/probe/ingest').send({ a: 1 }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it(`413 for a JSON body over ${LIMITS.http.bodyBytes} bytes`, async () => {
    const res = await post('/influencer/probe/order').send({ ...validOrder, name: 'x'.repeat(LIMITS.http.bodyBytes) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('NDJSON routes take bodies above the JSON limit, up to their own', async () => {
    const line = JSON.stringify({ type: 'OrderPlaced', pad: 'y'.repeat(1000) });
    const lines = Math.ceil((LIMITS.http.bodyBytes * 2) / line.length);
    const body = `${Array.from({ length: lines }, () => line).join('\n')}\n`;
    const ok = await post('/influencer/probe/ingest').set('Content-Type', 'application/x-ndjson').send(body).expect(200);
    expect(ok.body.lines).toBe(lines);
    const tooBig = 'z'.repeat(LIMITS.http.ndjsonBodyBytes + 1);
    expectProblem(await post('/influencer/probe/ingest').set('Content-Type', 'application/x-ndjson').send(tooBig), 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('domain errors → status', () => {
  it.each([
    ['conflict', 409, 'PROBE.CONFLICT'],
    ['not_found', 404, 'PROBE.NOT_FOUND'],
    ['forbidden', 403, 'PROBE.FORBIDDEN'],
    ['unavailable', 503, 'PROBE.UNAVAILABLE'],
  ])('%s → %i', async (kind, status, code) => {
    const res = await post('/influencer/probe/fail').send({ kind });
    expectProblem(res, status, code);
    expect(res.body.detail).not.toBe('');
  });

  it('WrongExpectedVersion (after the handler gave up retrying) → 409', async () => {
    expectProblem(await post('/influencer/probe/fail').send({ kind: 'wrong_version' }), 409, 'EVENT_STORE.WRONG_EXPECTED_VERSION');
  });

  it('503 carries Retry-After', async () => {
    const res = await post('/influencer/probe/fail').send({ kind: 'unavailable' });
    expect(res.headers['retry-after']).toBe('7');
  });

  it('500 for anything else: generic detail to the caller, the full error in the log with the correlation id', async () => {
    for (const kind of ['boom', 'assertion']) {
      const res = await post('/influencer/probe/fail').set('X-Correlation-Id', `corr-${kind}`).send({ kind });
      expectProblem(res, 500, 'INTERNAL_ERROR');
      expect(JSON.stringify(res.body)).not.toContain('hunter2');
      expect(JSON.stringify(res.body)).not.toContain('invariant');
    }
    const logged = t.logs().filter((l) => l.correlationId === 'corr-boom' && l.level === 'error');
    expect(JSON.stringify(logged)).toContain('hunter2');
    const request = t.logs().find((l) => l.msg === 'request' && l.correlationId === 'corr-boom');
    expect(request).toMatchObject({ method: 'POST', route: '/influencer/probe/fail', status: 500, org: 'test-org', actorId: 'test-actor', code: 'INTERNAL_ERROR' });
    expect(request?.ms).toEqual(expect.any(Number));
  });
});
