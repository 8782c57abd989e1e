// Proves read-your-writes at the edge: a command answer's `position` sent back as X-Consistency-Position waits until
// the projections have applied it; a malformed position is 400; a position they never reach is 503 + Retry-After
// after LIMITS.http.consistencyWaitMs.
import request from 'supertest';
import { parsePosition } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { startTestApp, type TestApp } from '../support/app';
import { ProbeModule } from './support/probe.module';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: [ProbeModule] });
});
afterAll(() => t.close());

const query = async (position: string) =>
  request(t.server).post('/influencer/probe/query').set(await t.auth()).set('X-Consistency-Position', position).send({});

it('answers once the projections have passed the position of a command answer', async () => {
  const command = await request(t.server).post('/influencer/probe/note').set(await t.auth()).send({ note: 'read me' });
  expect(command.status).toBe(201);
  const position = command.body.position as string;
  expect(parsePosition(position)).not.toBeNull();
  const res = await query(position);
  expect(res.status).toBe(200);
  const statuses = await t.runtime.progress.status();
  for (const s of statuses.filter((s) => s.kind !== 'process_manager')) expect(s.checkpoint).not.toBeNull(); // waitFor ignores PMs
});

it.each(['abc', '12', '1-2-3', '-1-2', '1-'])('400 for a malformed position %p', async (raw) => {
  const res = await query(raw);
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ code: 'CONSISTENCY_POSITION_MALFORMED', errors: [{ field: 'header:X-Consistency-Position', problem: expect.any(String) }] });
});

it(`503 with Retry-After when the projections do not reach the position within ${LIMITS.http.consistencyWaitMs} ms`, async () => {
  const started = Date.now();
  const res = await query('99999999999-99999999999');
  const waitedMs = Date.now() - started;
  expect(res.status).toBe(503);
  expect(res.body.code).toBe('CONSISTENCY_TIMEOUT');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(waitedMs).toBeGreaterThanOrEqual(LIMITS.http.consistencyWaitMs - 100);
  expect(waitedMs).toBeLessThan(LIMITS.http.consistencyWaitMs + 3_000);
});

it('checks the token before waiting: no token is 401 at once, even with an unreachable position', async () => {
  const started = Date.now();
  const res = await request(t.server).post('/influencer/probe/query').set('X-Consistency-Position', '99999999999-99999999999').send({});
  expect(res.status).toBe(401);
  expect(Date.now() - started).toBeLessThan(LIMITS.http.consistencyWaitMs / 2);
});
