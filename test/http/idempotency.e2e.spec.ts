// Proves Idempotency-Key over real HTTP and PostgreSQL: a retry replays the first answer (status + body) without
// running the command again, a different body is 409, concurrent duplicates never both run, 4xx answers are
// stored while 5xx and transient 409s are not, and only a claim's owner settles it (a stale claim taken over).
import request from 'supertest';
import { setTimeout as delay } from 'node:timers/promises';
import { LIMITS } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { ProbeGate, ProbeModule } from './support/probe.module';

let t: TestApp;
let gate: ProbeGate;
beforeAll(async () => {
  t = await startTestApp({ modules: [ProbeModule] });
  gate = t.app.get(ProbeGate);
});
afterAll(async () => {
  gate.openGate();
  await t.close();
});
beforeEach(() => {
  gate.executions = 0;
});

/** Sends the probe command; resolves to the response (whatever its status). */
async function note(key: string, body: object, claims = {}): Promise<request.Response> {
  return request(t.server).post('/influencer/probe/note').set(await t.auth(claims)).set('Idempotency-Key', key).send(body);
}

function created(res: request.Response): request.Response {
  expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: expect.anything() });
  return res;
}

async function storedEvents(org: string): Promise<number> {
  const rows = await t.db.selectFrom('es_event' as never).select((eb: any) => eb.fn.countAll().as('n')).where('stream_name' as never, 'like', `probe-${org}.%` as never).executeTakeFirst();
  return Number((rows as { n: number | string } | undefined)?.n ?? 0);
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(10);
  }
}

it('replays the first answer for the same key and body, without running the command again', async () => {
  const first = created(await note('k-replay', { note: 'hello' }));
  expect(first.body).toEqual({ id: expect.any(String), note: 'hello', position: expect.stringMatching(/^\d+-\d+$/) });
  const again = created(await note('k-replay', { note: 'hello' }));
  expect(again.body).toEqual(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.headers['content-type']).toMatch(/^application\/json/);
  expect(gate.executions).toBe(1);
});

it('treats key order and whitespace as the same body', async () => {
  await request(t.server).post('/influencer/probe/note').set(await t.auth({ org: 'org-ws' })).set('Idempotency-Key', 'k-canon').set('Content-Type', 'application/json').send('{"note":"a"}').expect(201);
  const again = await request(t.server).post('/influencer/probe/note').set(await t.auth({ org: 'org-ws' })).set('Idempotency-Key', 'k-canon').set('Content-Type', 'application/json').send('{ "note" : "a" }');
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
});

it('409 IDEMPOTENCY_KEY_REUSED for the same key with a different body (or another actor)', async () => {
  created(await note('k-mismatch', { note: 'one' }));
  const other = await note('k-mismatch', { note: 'two' });
  expect(other.status).toBe(409);
  expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  const colleague = await note('k-mismatch', { note: 'one' }, { sub: 'colleague' });
  expect(colleague.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  expect(gate.executions).toBe(1);
});

it('scopes keys per org', async () => {
  created(await note('k-org', { note: 'x' }, { org: 'org-a' }));
  const b = created(await note('k-org', { note: 'x' }, { org: 'org-b' }));
  expect(b.headers['idempotent-replayed']).toBeUndefined();
  expect(gate.executions).toBe(2);
  expect(await storedEvents('org-a')).toBe(1);
  expect(await storedEvents('org-b')).toBe(1);
});

it('a concurrent duplicate does not run: 409 IDEMPOTENCY_IN_PROGRESS after a bounded wait, then replays once done', async () => {
  gate.close();
  const first = note('k-race', { note: 'race' });
  const firstDone = first.then((r) => r);
  await until(() => gate.executions === 1);
  const started = Date.now();
  const duplicate = await note('k-race', { note: 'race' });
  expect(duplicate.status).toBe(409);
  expect(duplicate.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
  expect(Date.now() - started).toBeGreaterThanOrEqual(LIMITS.http.idempotencyInProgressWaitMs - 100);
  gate.openGate();
  const original = await firstDone;
  expect(original.status).toBe(201);
  const replay = created(await note('k-race', { note: 'race' }));
  expect(replay.body).toEqual(original.body);
  expect(gate.executions).toBe(1);
  expect(await storedEvents('test-org')).toBeGreaterThanOrEqual(1);
});

it('a duplicate arriving while the first runs gets the first answer when it finishes within the wait', async () => {
  gate.close();
  const first = note('k-wait', { note: 'wait' }).then((r) => r);
  await until(() => gate.executions === 1);
  const duplicate = note('k-wait', { note: 'wait' }).then((r) => r);
  await delay(200);
  gate.openGate();
  const [a, b] = await Promise.all([first, duplicate]);
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(b.body).toEqual(a.body);
  expect(b.headers['idempotent-replayed']).toBe('true');
  expect(gate.executions).toBe(1);
});

it('stores 4xx answers and replays them', async () => {
  const fail = async () => request(t.server).post('/influencer/probe/fail').set(await t.auth()).set('Idempotency-Key', 'k-409').send({ kind: 'conflict' });
  const first = await fail();
  expect(first.status).toBe(409);
  const again = await fail();
  expect(again.status).toBe(409);
  expect(again.body).toEqual(first.body);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);

  const invalid = async () => request(t.server).post('/influencer/probe/note').set(await t.auth()).set('Idempotency-Key', 'k-400').send({ note: '' });
  const v1 = await invalid();
  expect(v1.status).toBe(400);
  const v2 = await invalid();
  expect(v2.body).toEqual(v1.body);
  expect(v2.headers['idempotent-replayed']).toBe('true');
});

it('does not store 5xx: a retry runs again', async () => {
  for (const kind of ['unavailable', 'boom']) {
    const fail = async () => request(t.server).post('/influencer/probe/fail').set(await t.auth()).set('Idempotency-Key', `k-5xx-${kind}`).send({ kind });
    const first = await fail();
    expect(first.status).toBeGreaterThanOrEqual(500);
    const retry = await fail();
    expect(retry.status).toBe(first.status);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body.correlationId).not.toBe(first.body.correlationId);
  }
  const rows = await t.db.selectFrom('http_idempotency').select('key').where('key', 'like', 'k-5xx-%').execute();
  expect(rows).toEqual([]);
});

it('ignores the key on read-only routes and refuses malformed keys', async () => {
  await request(t.server).post('/influencer/probe/query').set(await t.auth()).set('Idempotency-Key', 'k-query').send({}).expect(200);
  expect(await t.db.selectFrom('http_idempotency').select('key').where('key', '=', 'k-query').execute()).toEqual([]);
  const bad = await note('x'.repeat(LIMITS.http.idempotencyKeyChars + 1), { note: 'x' });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('header:Idempotency-Key');
});

it('does not store a transient 409 (WRONG_EXPECTED_VERSION): a retry runs again', async () => {
  const fail = async () => request(t.server).post('/influencer/probe/fail').set(await t.auth()).set('Idempotency-Key', 'k-wev').send({ kind: 'wrong_version' });
  const first = await fail();
  expect({ status: first.status, code: first.body.code }).toEqual({ status: 409, code: 'EVENT_STORE.WRONG_EXPECTED_VERSION' });
  const retry = await fail();
  expect(retry.status).toBe(409);
  expect(retry.headers['idempotent-replayed']).toBeUndefined();
  expect(await t.db.selectFrom('http_idempotency').select('key').where('key', '=', 'k-wev').execute()).toEqual([]);
});

it('a slow first request whose stale claim was taken over cannot overwrite the new owner\'s answer', async () => {
  gate.holdNext();
  const slow = note('k-stale', { note: 'stale' }).then((r) => r);
  await until(() => gate.executions === 1);
  // As if LIMITS.http.idempotencyPendingStaleMs had passed: the slow request's claim is now stale.
  await t.db.updateTable('http_idempotency').set({ created_at: new Date(Date.now() - LIMITS.http.idempotencyPendingStaleMs - 60_000) }).where('key', '=', 'k-stale').execute();
  const takeover = created(await note('k-stale', { note: 'stale' }));
  expect(takeover.headers['idempotent-replayed']).toBeUndefined();
  gate.openGate();
  const first = created(await slow);
  expect(first.body.id).not.toBe(takeover.body.id); // the accepted cost of a stale takeover: the command ran twice
  const replay = created(await note('k-stale', { note: 'stale' }));
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.body).toEqual(takeover.body);
});

