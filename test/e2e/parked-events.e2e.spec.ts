// Proves poison is parked, never blocking, on the whole app over HTTP (fresh database, real store, projections and process manager running): an OrderRecorded of year 0000 appended straight to the store (past the HTTP edge) is parked by the orders projection with the later fact of its order behind it, while later orders of its org and of another org reach order/get; /health answers 503 degraded naming the consumer, /metrics and projection/status count it; order/get shows a recorded refusal; the CLI lists and skips it (who, why), the fact behind it then applies, /health is ready again and `projections verify all` finds every read model equal to a replay.
import request from 'supertest';
import { deterministicId, randomId } from '@ledger/kernel';
import { streamName, type NewEvent } from '@ledger/event-store';
import { listParked, park, parkEntryOf } from '@ledger/projections';
import { runCli } from '../../apps/cli/cli';
import { startTestApp, type TestApp } from '../support/app';
import { healthClock } from '../support/health-clock';
import { settle } from '../support/settle';

const healthWindow = healthClock();
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: [healthWindow.module] });
});
afterAll(() => t.close());

const ORG_A = 'test-org';
const ORG_B = 'other-org';
const auth = (org: string) => t.auth({ org, roles: ['inf_admin'] });

function order(orderId: string, occurredAt = '2026-03-01T10:00:00.000Z') {
  return { sourceRef: `scm-${orderId}`, orderId, channel: 'ecommerce', customerRef: 'cust-1', occurredAt, currency: 'EUR', lines: [{ lineId: 'l1', sku: 'TEE', quantity: 1, unitPrice: 2_000 }], codes: [] };
}

/** An SCM fact as the intake would append it, but straight into the store: no validation on the way. */
async function appendRaw(org: string, orderId: string, type: 'OrderRecorded' | 'OrderReturned', data: object, occurredAt: string): Promise<void> {
  const sourceRef = (data as { sourceRef: string }).sourceRef;
  const event: NewEvent = { id: deterministicId(org, 'scm', sourceRef, type), type, data: { ...data }, metadata: { org, actorId: 'scm', correlationId: randomId(), schemaVersion: 1, occurredAt, sourceRef } };
  await t.eventStore.append(streamName('order', org, orderId), [event], { expectedRevision: 'any' });
}

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { DATABASE_URL: t.dbUrl, LEDGER_OPERATOR: 'ops@test', LOG_LEVEL: 'silent' }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err: err.join('\n') };
}

/** Bounded wait for the runner's next polls to re-apply what the skip released (it never sleeps a fixed time). */
async function untilNothingParked(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await listParked(t.db, {})).length > 0) {
    if (Date.now() > deadline) throw new Error(`still parked after ${timeoutMs} ms: ${JSON.stringify(await listParked(t.db, {}))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const getOrder = async (org: string, orderId: string) => request(t.server).post('/influencer/order/get').set(await auth(org)).send({ orderId });

it('a poison order is parked with its follower; every other order and org goes on; /health is degraded until an operator skips it; verify is equal', async () => {
  await appendRaw(ORG_A, 'o-0000', 'OrderRecorded', order('o-0000', '0000-01-01T00:00:00Z'), '0000-01-01T00:00:00Z');
  await appendRaw(ORG_A, 'o-0000', 'OrderReturned', { orderId: 'o-0000', returnId: 'r1', sourceRef: 'scm-o-0000-r1', occurredAt: '2026-03-02T10:00:00.000Z', lines: [{ lineId: 'l1', quantity: 1 }] }, '2026-03-02T10:00:00.000Z');
  await request(t.server).post('/influencer/order/record').set(await auth(ORG_A)).send(order('o-after')).expect(200);
  await request(t.server).post('/influencer/order/record').set(await auth(ORG_B)).send(order('o-other-org')).expect(200);
  await settle(t);

  // Every later order reaches the read model, in both orgs.
  expect((await getOrder(ORG_A, 'o-after')).status).toBe(200);
  expect((await getOrder(ORG_B, 'o-other-org')).status).toBe(200);
  expect((await getOrder(ORG_A, 'o-0000')).status).toBe(404);

  const parked = await listParked(t.db, { consumer: 'orders' });
  expect(parked.map((p) => [p.kind, p.eventType, p.org, p.stream])).toEqual([
    ['failed', 'OrderRecorded', ORG_A, 'order-test-org.o-0000'],
    ['blocked', 'OrderReturned', ORG_A, 'order-test-org.o-0000'],
    ['blocked', 'AttributionDecided', ORG_A, 'order-test-org.o-0000'], // the process manager decided it (unattributed): behind the poison too
  ]);
  expect(parked[0]!.errorCode).toBe('22008'); // PostgreSQL: datetime field overflow

  healthWindow.expire(); // /health shares one answer per second: step past it rather than sleep
  const health = await request(t.server).get('/health').set(await t.auth({ roles: ['inf_auditor'] })).expect(503);
  expect(health.body.status).toBe('degraded');
  expect(health.body.checks.parked.items).toContainEqual({ consumer: 'orders', parked: 3 });
  expect(health.body.checks.projections.ok).toBe(true);
  const metrics = await request(t.server).get('/metrics').expect(200);
  expect(metrics.text).toMatch(/^ledger_parked_events\{consumer="orders"\} 3$/m);
  expect(metrics.text).toMatch(/^ledger_parked_events\{consumer="audit_stream"\} 0$/m);
  const status = await request(t.server).post('/influencer/projection/status').set(await t.auth({ roles: ['inf_auditor'] })).send({}).expect(200);
  expect(status.body.items).toContainEqual(expect.objectContaining({ name: 'orders', parked: 3 }));

  // The operator: list, then skip the poison (it cannot be fixed: the event is history); the return behind it applies.
  const listed = await cli('parked', 'list');
  expect(listed.code).toBe(0);
  const poison = listed.out.find((r) => r.consumer === 'orders' && r.kind === 'failed')!;
  expect((await cli('parked', 'skip', String(poison.id), '--reason', 'year 0000 from SCM; re-sent as o-0000b')).code).toBe(0);
  // Whatever else parked the poison (the process manager may, too) is skipped the same way.
  for (const other of (await listParked(t.db, { stream: 'order-test-org.o-0000', kinds: ['failed'] })).filter((r) => r.consumer !== 'orders')) {
    expect((await cli('parked', 'skip', other.id, '--reason', 'year 0000 from SCM')).code).toBe(0);
  }
  await untilNothingParked();
  expect((await getOrder(ORG_A, 'o-0000')).body).toMatchObject({ status: 'awaiting_order', returnCount: 1 }); // the return, applied behind the skip
  expect((await cli('parked', 'list', '--status', 'skipped')).out).toContainEqual(expect.objectContaining({ id: poison.id, skippedBy: 'ops@test', skipReason: 'year 0000 from SCM; re-sent as o-0000b' }));
  healthWindow.expire();
  expect((await request(t.server).get('/health').expect(200)).body).toEqual({ status: 'ready' }); // anyone sees the status

  const verify = await cli('projections', 'verify', 'all');
  expect(verify.out.map((r) => [r.projection, r.equal])).toEqual(verify.out.map((r) => [r.projection, true]));
  expect(verify.code).toBe(0);
});

it('order/get shows why an order earned nothing when the process manager recorded a refusal', async () => {
  const recorded = await request(t.server).post('/influencer/order/record').set(await auth(ORG_A)).send(order('o-refused')).expect(200);
  await settle(t);
  const [event] = await t.eventStore.readStream(streamName('order', ORG_A, 'o-refused'), { maxCount: 1 });
  // What the process manager records on a DomainError (order-earnings.parking.int.spec proves it does).
  const refusal = Object.assign(new Error('The request has invalid fields. amount.amount: must be a positive integer of minor units'), { code: 'VALIDATION_FAILED' });
  await park(t.db, [parkEntryOf('ledger_order_earnings_pm', event!, 'refused', refusal)]);
  const res = await request(t.server).post('/influencer/order/get').set(await auth(ORG_A)).set('X-Consistency-Position', recorded.body.position).send({ orderId: 'o-refused' }).expect(200);
  expect(res.body.attribution).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining('amount.amount') });
  expect(res.body.attribution.status).toBe('unattributed'); // decided already (no code on the order): the decision keeps its status, the refusal says why nothing more came
});
