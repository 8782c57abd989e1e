// Proves the batched SCM intake on the real PostgreSQL event store: concurrent deliveries of overlapping, shuffled batches append every fact exactly once (WrongExpectedVersion → re-decide); facts of one order fold in sequence across chunks; a source reference reused inside one batch is refused on its line only.
import type { Pool } from 'pg';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, streamName, type EventMetadata } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { parseScmEvent, type ScmFact } from './scm-fact';
import { ScmIntake, type IntakeItem } from './scm-intake';

let database: TestDatabase;
let handle: { pool: Pool; close(): Promise<void> };
let store: PostgresEventStore;
let intake: ScmIntake;
beforeAll(async () => {
  database = await createTestDatabase('ledger_orders_intake');
  const db = createDb<any>(database.url);
  handle = db;
  await migrateToLatest(db.db);
  store = new PostgresEventStore(db.pool);
  intake = new ScmIntake(store);
});
afterAll(async () => {
  await store.close();
  await handle.close();
  await database.drop();
});

const ORG = 'acme';

function item(raw: Record<string, unknown>): IntakeItem {
  const parsed = parseScmEvent(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const fact: ScmFact = parsed.fact;
  const metadata: EventMetadata = { org: ORG, actorId: 'test', correlationId: 'c', schemaVersion: 1, occurredAt: fact.data.occurredAt, sourceRef: fact.data.sourceRef };
  return { org: ORG, fact, metadata };
}

const placed = (orderId: string, quantity = 3) => ({
  type: 'OrderPlaced', sourceRef: `p-${orderId}`, orderId, channel: 'ecommerce', customerRef: 'c', occurredAt: '2026-03-01T00:00:00Z', currency: 'EUR',
  lines: [{ lineId: 'l1', sku: 'A', quantity, unitPrice: 1_000 }],
});
const returned = (orderId: string, returnId: string, quantity = 1) => ({
  type: 'OrderReturned', sourceRef: `r-${orderId}-${returnId}`, orderId, returnId, occurredAt: '2026-03-02T00:00:00Z', lines: [{ lineId: 'l1', quantity }],
});
const cancelled = (orderId: string) => ({ type: 'OrderCancelled', sourceRef: `c-${orderId}`, orderId, occurredAt: '2026-03-03T00:00:00Z' });

/** Deterministic shuffle (a seeded LCG): the test is the same on every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

it('appends every fact exactly once under concurrent, overlapping, shuffled deliveries', async () => {
  const orders = Array.from({ length: 60 }, (_, i) => `co-${i}`);
  const facts = orders.flatMap((o) => [placed(o), returned(o, 'a'), returned(o, 'b'), cancelled(o)]);
  const outcomes = await Promise.all(Array.from({ length: 6 }, (_, w) => intake.ingest(shuffled(facts, w + 1).map(item))));
  for (const outcome of outcomes) {
    expect(outcome.results.filter((r) => r.status === 'rejected')).toEqual([]);
  }
  // Across all deliveries each fact was recorded by exactly one of them.
  expect(outcomes.flatMap((o) => o.results).filter((r) => r.status === 'recorded')).toHaveLength(facts.length);
  const streams = await store.readStreams(orders.map((o) => streamName('order', ORG, o)));
  for (const events of streams.values()) expect(events.map((e) => e.type).sort()).toEqual(['OrderCancelled', 'OrderRecorded', 'OrderReturned', 'OrderReturned']);
});

it('folds the facts of one order in sequence, within a chunk and across chunk boundaries', async () => {
  const filler = Array.from({ length: LIMITS.orders.intakeChunkFacts }, (_, i) => placed(`fill-${i}`));
  // Chunk 1: the order and a return of 2 of 3; chunk 2: another return of 2 (too many) and one of 1 (fits).
  const facts = [placed('x'), returned('x', 'r1', 2), ...filler.slice(2), returned('x', 'r2', 2), returned('x', 'r3', 1)];
  const { results, position } = await intake.ingest(facts.map(item));
  expect(results[0]!.status).toBe('recorded');
  expect(results[1]!.status).toBe('recorded');
  expect(results.at(-2)).toMatchObject({ status: 'rejected', error: { code: 'ORDER.RETURN_EXCEEDS_QUANTITY' } });
  expect(results.at(-1)!.status).toBe('recorded');
  expect(position).not.toBeNull();
  const events = await store.readStream(streamName('order', ORG, 'x'));
  expect(events.map((e) => (e.data as { returnId?: string }).returnId ?? e.type)).toEqual(['OrderRecorded', 'r1', 'r3']);
});

it('refuses, on its line only, a source reference that a batch reuses for another fact', async () => {
  const { results } = await intake.ingest([item(placed('y1')), item({ ...placed('y2'), sourceRef: 'p-y1' }), item(placed('y3'))]);
  expect(results.map((r) => r.status)).toEqual(['recorded', 'rejected', 'recorded']);
  expect(results[1]).toMatchObject({ error: { code: 'EVENT_STORE.DUPLICATE_EVENT_ID' } });
  expect(await store.readStream(streamName('order', ORG, 'y2'))).toEqual([]);
});

it('refuses a source reference stored for another order only after a re-read did not explain it; the rest of the chunk lands', async () => {
  await intake.ingest([item(placed('z1'))]);
  // Same id as z1's OrderRecorded, in z2's stream: the store's DuplicateEventIdMismatch, seen twice.
  const { results } = await intake.ingest([item(placed('z3')), item({ ...placed('z2'), sourceRef: 'p-z1' }), item(placed('z4'))]);
  expect(results.map((r) => r.status)).toEqual(['recorded', 'rejected', 'recorded']);
  expect(results[1]).toMatchObject({ error: { code: 'EVENT_STORE.DUPLICATE_EVENT_ID' } });
  expect(await store.readStream(streamName('order', ORG, 'z2'))).toEqual([]);
});

it('answers every delivery of one fact with the position of the event that recorded it', async () => {
  const first = await intake.ingest([item(placed('p1'))]);
  await store.append(streamName('order', ORG, 'p1'), [{ id: '0b6f1c2e-7f0e-4f59-9a43-1d1f0e4f3a01', type: 'AttributionDecided', data: { orderId: 'p1', attributed: false, earnings: [] }, metadata: { org: ORG } as EventMetadata }], { expectedRevision: 0n });
  const again = await intake.ingest([item({ ...placed('p1'), sourceRef: 'p-p1-resent', lines: [{ lineId: 'l1', sku: 'A', quantity: 3, unitPrice: 1_000, discount: 0 }] })]);
  expect(again.results[0]).toEqual({ status: 'duplicate', orderId: 'p1', position: first.results[0]!.status === 'rejected' ? null : first.results[0]!.position });
});
