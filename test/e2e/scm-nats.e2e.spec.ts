// Proves the NATS JetStream SCM consumer against the real server on 127.0.0.1:4222 (a stream, subject and durable unique to this run, deleted afterwards): published facts land in the order streams; a message published twice, or redelivered after a nak or an expired ack wait, makes exactly one event; bad messages are dead-lettered with their reason; a message the consumer fails on (a bug) is parked with its subject and sequence, acked, and a retry after the fix ingests it; transient failures are redelivered, not parked.
import { connect, headers, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import { streamName } from '@ledger/event-store';
import { natsConsumerName, readScmMessage, ScmIntake, ScmNatsConsumer, type IntakeItem, type ScmNatsSettings } from '@ledger/orders';
import { listParked, requestRetry } from '@ledger/projections';
import { startTestApp, type TestApp } from '../support/app';

const NATS_URL = process.env.TEST_NATS_URL ?? '127.0.0.1:4222';
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const org = `nats-${run}`;
const settings: ScmNatsSettings = {
  servers: NATS_URL,
  subject: `test.scm.${run}.>`,
  stream: `TEST_SCM_${run}`,
  durable: `ledger-test-${run}`,
  dlqSubject: `test.dlq.${run}`,
  fetchMessages: 100,
  fetchExpiresMs: 1_000,
  ackWaitMs: 2_000,
  maxDeliver: 5,
};

let t: TestApp;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
let intake: ScmIntake;
let consumer: ScmNatsConsumer | null = null;
/** Order ids the intake fails on as a bug would (plain Error), and how many transient failures (57P01) each flaky one has left. */
const buggy = new Set<string>();
const flaky = new Map<string, number>();

beforeAll(async () => {
  t = await startTestApp();
  nc = await connect({ servers: NATS_URL });
  js = nc.jetstream();
  jsm = await nc.jetstreamManager();
  intake = t.app.get(ScmIntake, { strict: false });
  consumer = startConsumer();
  await eventually(async () => (await jsm.streams.info(settings.stream).then(() => true, () => false)) && (await jsm.consumers.info(settings.stream, settings.durable).then(() => true, () => false)));
});

afterAll(async () => {
  await consumer?.stop();
  await jsm?.streams.delete(settings.stream).catch(() => undefined);
  await nc?.drain();
  await t?.close();
});

/** The real intake, failing on the order ids of `buggy` and `flaky` while they are listed. */
function faultyIntake(): ScmIntake {
  return Object.create(intake, {
    ingest: {
      value: async (items: IntakeItem[]) => {
        for (const item of items) {
          const id = (item.fact.data as { orderId: string }).orderId;
          if (buggy.has(id)) throw new Error(`intake bug on ${id}`);
          const left = flaky.get(id) ?? 0;
          if (left > 0) {
            flaky.set(id, left - 1);
            throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
          }
        }
        return intake.ingest(items);
      },
    },
  }) as ScmIntake;
}

function startConsumer(): ScmNatsConsumer {
  const c = new ScmNatsConsumer(settings, faultyIntake(), t.runtime.logger, { db: t.db, consumer: natsConsumerName(settings.durable) });
  c.start();
  return c;
}

/** Polls until `check` holds (bounded); consumption is asynchronous. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const order = (orderId: string) => ({
  type: 'OrderPlaced',
  sourceRef: `scm-${orderId}`,
  orderId,
  channel: 'ecommerce',
  customerRef: 'c1',
  occurredAt: '2026-03-01T10:00:00Z',
  currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'TEE', quantity: 2, unitPrice: 2_000 }],
});
const returned = (orderId: string, returnId: string, quantity: number) => ({
  type: 'OrderReturned',
  sourceRef: `scm-${orderId}-${returnId}`,
  orderId,
  returnId,
  occurredAt: '2026-03-04T10:00:00Z',
  lines: [{ lineId: 'l1', quantity }],
});

async function publish(fact: unknown, options: { org?: string | null; raw?: string } = {}) {
  const h = headers();
  if (options.org !== null) h.set('Ledger-Org', options.org ?? org);
  return js.publish(`test.scm.${run}.orders`, options.raw ?? JSON.stringify(fact), { headers: h });
}

const eventsOf = async (orderId: string) =>
  (await t.eventStore.readStream(streamName('order', org, orderId))).filter((e) => ['OrderRecorded', 'OrderReturned', 'OrderCancelled'].includes(e.type));

async function settled(): Promise<boolean> {
  const info = await jsm.consumers.info(settings.stream, settings.durable);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

async function deadLetters(): Promise<Array<{ code: string; subject: string; data: string }>> {
  const reader = await js.consumers.get(settings.stream, { filterSubjects: settings.dlqSubject });
  const batch = await reader.fetch({ max_messages: 100, expires: 1_000 });
  const letters: Array<{ code: string; subject: string; data: string }> = [];
  for await (const m of batch) letters.push({ code: m.headers?.get('Ledger-Dlq-Code') ?? '', subject: m.headers?.get('Ledger-Dlq-Subject') ?? '', data: m.string() });
  return letters;
}

it('appends published facts to their order streams, in stream order per order', async () => {
  await publish(returned('o-early', 'r1', 1)); // a return before its order
  await publish(order('o-early'));
  await publish(order('o-2'));
  await eventually(async () => (await eventsOf('o-early')).length === 2 && (await eventsOf('o-2')).length === 1);
  expect((await eventsOf('o-early')).map((e) => e.type)).toEqual(['OrderReturned', 'OrderRecorded']);
  const [recorded] = await eventsOf('o-2');
  expect(recorded!.metadata).toMatchObject({ org, actorId: `nats:${settings.durable}`, sourceRef: 'scm-o-2', occurredAt: '2026-03-01T10:00:00Z' });
  await eventually(settled);
});

it('makes one event of a message published twice', async () => {
  await publish(order('o-twice'));
  await publish(order('o-twice'));
  await publish(returned('o-twice', 'r1', 1));
  await publish(returned('o-twice', 'r1', 1));
  await eventually(settled);
  expect((await eventsOf('o-twice')).map((e) => e.type)).toEqual(['OrderRecorded', 'OrderReturned']);
});

it('dead-letters bad messages with their reason, acks them, and keeps going', async () => {
  await publish(order('o-dlq'), { org: null }); // no org header
  await publish(null, { raw: '{"type": "OrderPlaced",' }); // not JSON
  await publish({ ...order('o-bad'), lines: [{ lineId: 'l1', sku: 'A', quantity: 1, unitPrice: -1 }] }); // invalid field
  await publish(order('o-over'));
  await publish(returned('o-over', 'r9', 3)); // more than ordered: a conflict
  await publish(order('o-after'));
  await eventually(async () => (await eventsOf('o-after')).length === 1);
  await eventually(settled);
  const letters = await deadLetters();
  expect(letters.map((l) => l.code)).toEqual(['ORG_HEADER_INVALID', 'MALFORMED_JSON', 'VALIDATION_FAILED', 'ORDER.RETURN_EXCEEDS_QUANTITY']);
  expect(letters.every((l) => l.subject === `test.scm.${run}.orders`)).toBe(true);
  expect((await eventsOf('o-over')).map((e) => e.type)).toEqual(['OrderRecorded']);
  expect(await eventsOf('o-bad')).toHaveLength(0);
});

it('a message appended but not acknowledged (nak, or ack wait expired) is redelivered and makes no second event', async () => {
  await consumer!.stop(); // a crash between append and ack, played by hand below
  consumer = null;
  await publish(order('o-nak'));
  await publish(order('o-noack'));

  // Take both, append them through the intake, then nak one and leave the other unacknowledged.
  const durable = await js.consumers.get(settings.stream, settings.durable);
  const taken = [];
  for await (const m of await durable.fetch({ max_messages: 2, expires: 1_000 })) taken.push(m);
  expect(taken).toHaveLength(2);
  for (const m of taken) {
    const read = readScmMessage({ data: m.data, header: (n) => m.headers?.get(n) || undefined, stream: m.info.stream, streamSequence: m.seq, consumer: m.info.consumer });
    if (!read.ok) throw new Error(read.detail);
    expect((await intake.ingest([read.item])).results[0]!.status).toBe('recorded');
  }
  taken[0]!.nak();
  // taken[1] is never acked: the server redelivers it after ack_wait (2 s here).

  consumer = startConsumer();
  await eventually(settled);
  const info = await jsm.consumers.info(settings.stream, settings.durable);
  expect(info.delivered.stream_seq).toBeGreaterThanOrEqual(taken[1]!.seq);
  expect((await eventsOf('o-nak')).map((e) => e.type)).toEqual(['OrderRecorded']);
  expect((await eventsOf('o-noack')).map((e) => e.type)).toEqual(['OrderRecorded']);
});

describe('parking', () => {
  const consumerName = natsConsumerName(settings.durable);

  it('a message the consumer fails on (not transient) is parked with its subject and sequence and acked; the others go on; a retry after the fix ingests it', async () => {
    buggy.add('o-bug');
    const published = await publish(order('o-bug'));
    await publish(order('o-next'));
    await eventually(async () => (await eventsOf('o-next')).length === 1);
    await eventually(settled); // acked, not waiting for redelivery
    const [row] = await listParked(t.db, { consumer: consumerName });
    expect(row).toMatchObject({ kind: 'failed', status: 'parked', org, stream: streamName('order', org, 'o-bug'), eventType: 'RecordOrder', errorMessage: 'intake bug on o-bug', attempts: 1 });
    expect(row!.source).toMatchObject({ natsStream: settings.stream, subject: `test.scm.${run}.orders`, sequence: published.seq, dlqSubject: settings.dlqSubject });
    expect(await eventsOf('o-bug')).toHaveLength(0);

    buggy.delete('o-bug'); // the fix is deployed
    expect(await requestRetry(t.db, { id: row!.id })).toBe(1);
    await eventually(async () => (await eventsOf('o-bug')).length === 1);
    await eventually(async () => (await listParked(t.db, { consumer: consumerName })).length === 0);
    expect((await listParked(t.db, { consumer: consumerName, statuses: ['resolved'] })).map((r) => r.id)).toEqual([row!.id]);
  });

  it('a transient failure is nak\'ed and redelivered, never parked', async () => {
    flaky.set('o-flaky', 2);
    await publish(order('o-flaky'));
    await eventually(async () => (await eventsOf('o-flaky')).length === 1, 30_000);
    expect(flaky.get('o-flaky')).toBe(0);
    expect((await listParked(t.db, { consumer: consumerName, statuses: ['parked', 'retry_requested', 'resolved', 'skipped'] })).filter((r) => r.stream.endsWith('.o-flaky'))).toEqual([]);
  });
});
