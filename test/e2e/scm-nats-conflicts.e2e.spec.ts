// Proves against the real NATS server on 127.0.0.1:4222 (a stream, subject and durable unique to this run, deleted afterwards) that the SCM consumer treats a conflicting fact (a recorded identity sent with other content) as a permanent refusal: acked, never redelivered, nothing appended, logged with ORDER.CONFLICTING_FACT and the differing fields — while an identical re-delivery is a plain duplicate.
import { connect, headers, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { streamName } from '@ledger/event-store';
import { ScmIntake, ScmNatsConsumer, type ScmNatsSettings } from '@ledger/orders';
import { startTestApp, type TestApp } from '../support/app';

const NATS_URL = process.env.TEST_NATS_URL ?? '127.0.0.1:4222';
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const org = `natsc-${run}`;
const settings: ScmNatsSettings = {
  servers: NATS_URL,
  subject: `test.scmc.${run}.>`,
  stream: `TEST_SCMC_${run}`,
  durable: `ledger-testc-${run}`,
  dlqSubject: `test.dlqc.${run}`,
  fetchMessages: 100,
  fetchExpiresMs: 1_000,
  ackWaitMs: 2_000,
  maxDeliver: 5,
};

let t: TestApp;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let consumer: ScmNatsConsumer | null = null;

beforeAll(async () => {
  t = await startTestApp({ captureLogs: true, logLevel: 'warn' });
  nc = await connect({ servers: NATS_URL });
  js = nc.jetstream();
  jsm = await nc.jetstreamManager();
  consumer = new ScmNatsConsumer(settings, t.app.get(ScmIntake, { strict: false }), t.runtime.logger);
  consumer.start();
  await eventually(async () => (await jsm.streams.info(settings.stream).then(() => true, () => false)) && (await jsm.consumers.info(settings.stream, settings.durable).then(() => true, () => false)));
});

afterAll(async () => {
  await consumer?.stop();
  await jsm?.streams.delete(settings.stream).catch(() => undefined);
  await nc?.drain();
  await t?.close();
});

/** Polls until `check` holds (bounded); consumption is asynchronous. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const order = (orderId: string, quantity = 2) => ({
  type: 'OrderPlaced',
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: 'ecommerce',
  customerRef: 'c1',
  occurredAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'TEE', quantity, unitPrice: 2_000 }],
});

async function publish(fact: unknown) {
  const h = headers();
  h.set('Ledger-Org', org);
  return js.publish(`test.scmc.${run}.orders`, JSON.stringify(fact), { headers: h });
}

const eventsOf = async (orderId: string) => (await t.eventStore.readStream(streamName('order', org, orderId))).filter((e) => e.type === 'OrderRecorded');

it('refuses a conflicting fact for good (acked, not redelivered, nothing appended) and logs both versions', async () => {
  await publish(order('o-c'));
  await publish(order('o-c')); // the same fact again: a duplicate
  const conflicting = await publish(order('o-c', 5));
  await publish(order('o-after'));
  await eventually(async () => (await eventsOf('o-after')).length === 1);
  await eventually(async () => {
    const info = await jsm.consumers.info(settings.stream, settings.durable);
    return info.num_pending === 0 && info.num_ack_pending === 0 && info.num_redelivered === 0;
  });
  expect(await eventsOf('o-c')).toHaveLength(1);
  const refusals = t.logs().filter((l) => l.code === 'ORDER.CONFLICTING_FACT');
  expect(refusals).toHaveLength(1);
  expect(refusals[0]).toMatchObject({ seq: conflicting.seq, errors: [{ field: 'lines[lineId=l1].quantity', recorded: 2, sent: 5 }] });
  // The three messages may come in one fetched batch: then the recorded version is an earlier message of it.
  expect(String(refusals[0]!.detail)).toMatch(/^Order o-c is recorded with other content \(recorded: sourceRef scm-o-c, (at position \d+-\d+|earlier in this delivery); sent: sourceRef scm-o-c\)/);
});
