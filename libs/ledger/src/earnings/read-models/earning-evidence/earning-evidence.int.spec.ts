// Proves the ledger_earning_evidence projection on real PostgreSQL with events appended straight to the store (the payouts' and fraud's events by type string): each earning's seven parts as the order, conversion, earning, fraud-check and payout streams say, keyed by org; replaying in any batch size, duplicated, from nothing, or with the streams interleaved the other way round gives exactly the same rows.
import { sql, type Kysely } from 'kysely';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { deterministicId } from '@ledger/kernel';
import { readEvidence } from '../../queries/shared/earning-evidence.view';
import { earningEvidenceProjection } from './earning-evidence.projection';

let database: TestDatabase;
let db: Kysely<any>;
let store: EventStore;
let close: () => Promise<void>;
beforeAll(async () => {
  database = await createTestDatabase('earning_evidence');
  const handle = createDb<any>(database.url);
  db = handle.db;
  await migrateToLatest(db);
  store = new PostgresEventStore(handle.pool);
  close = async () => {
    await store.close();
    await handle.close();
    await database.drop();
  };
}, 120_000);
afterAll(() => close?.());

const AT = '2026-03-05T10:00:00.000Z';
const PAID_AT = '2026-04-01T10:00:00.000Z';
const EUR = (amount: number) => ({ amount, currency: 'EUR' });
const E1 = '00000000-0000-4000-8000-000000000001';
const E2 = '00000000-0000-4000-8000-000000000002';
const E3 = '00000000-0000-4000-8000-000000000003';

let seq = 0;
async function append(org: string, stream: string, events: Array<{ type: string; data: Record<string, unknown> }>): Promise<Position> {
  const result = await store.append(
    stream.replace('$ORG', org),
    events.map((e) => ({ id: deterministicId(org, stream, e.type, String(seq++)), type: e.type, data: e.data, metadata: { org, actorId: 'fiona', role: 'inf_finance', correlationId: 'c', schemaVersion: 1, occurredAt: AT } })),
    { expectedRevision: 'any' },
  );
  return result.position;
}

async function visible(position: Position): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error('the store head did not reach the seeded events');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const accrued = (earningId: string, orderId: string) => ({
  type: 'EarningAccrued',
  data: {
    earningId, influencerId: 'ada', campaignId: 'camp-1', orderId, channel: 'ecommerce', level: 1, amount: EUR(1_000), rulesVersion: 3,
    calculation: { basis: 'percent', commissionBase: 10_000, rateBps: 1_000, beforeCap: 1_000, lines: [] }, occurredAt: AT, sourceRef: `scm-${orderId}`,
  },
});

async function seed(): Promise<void> {
  // The payout stream first: its approval and posted item are in $all before the earning they speak of.
  await append('acme', 'payout-$ORG.b-1', [
    { type: 'PayoutBatchApproved', data: { batchId: 'b-1', approvedBy: 'fiona', role: 'inf_finance', at: PAID_AT } },
    { type: 'PayoutItemPosted', data: { batchId: 'b-1', itemId: 'i-1', influencerId: 'ada', earningIds: [E1, E3], amount: EUR(1_500), providerRef: 'tr_123', at: PAID_AT } },
  ]);
  await append('acme', 'order-$ORG.o-1', [{ type: 'OrderRecorded', data: { orderId: 'o-1', sourceRef: 'scm-o-1', channel: 'ecommerce', customerRef: 'cust-1', occurredAt: AT, currency: 'EUR', lines: [], codes: ['ADA10'] } }]);
  await append('acme', 'conversion-$ORG.o-1', [{
    type: 'ConversionAttributed',
    data: {
      orderId: 'o-1', campaignId: 'camp-1', influencerId: 'ada', rulesVersion: 3, assisted: [], commissionBase: EUR(10_000), occurredAt: AT,
      basis: { model: 'last_touch', windowDays: 30, code: 'ADA10', touchKind: 'code', touchId: 't-1', touchedAt: AT, channel: 'ecommerce', precedence: 1 },
    },
  }]);
  await append('acme', `earning-$ORG.${E1}`, [
    accrued(E1, 'o-1'),
    { type: 'EarningAdjusted', data: { earningId: E1, modificationId: 'm-1', previousAmount: EUR(1_000), amount: EUR(900), delta: EUR(-100), reasonCode: 'typo', applyCurrentTerms: false, rulesVersion: 3, at: AT } },
    { type: 'EarningFinalized', data: { earningId: E1, batchId: 'b-1', itemId: 'i-1', amount: EUR(900), at: PAID_AT } },
    { type: 'EarningPaid', data: { earningId: E1, amount: EUR(900), payoutId: 'b-1:i-1', at: PAID_AT } },
  ]);
  // Two fraud checks of one order: the later stands.
  await append('acme', 'fraudcheck-$ORG.o-1', [
    { type: 'FraudCheckCompleted', data: { orderId: 'o-1', influencerId: 'ada', rulesRun: ['velocity'], result: 'flagged', flagIds: ['f-1'], at: AT } },
    { type: 'FraudCheckCompleted', data: { orderId: 'o-1', influencerId: 'ada', rulesRun: ['self_referral', 'velocity'], result: 'clear', flagIds: [], at: PAID_AT } },
  ]);
  // E3: in a batch that was cancelled, then in b-1 (the approved one).
  await append('acme', `earning-$ORG.${E3}`, [
    accrued(E3, 'o-3'),
    { type: 'EarningFinalized', data: { earningId: E3, batchId: 'b-0', itemId: 'i-9', at: AT } },
    { type: 'EarningUnfinalized', data: { earningId: E3, batchId: 'b-0', itemId: 'i-9', reasonCode: 'batch_cancelled', at: AT } },
    { type: 'EarningFinalized', data: { earningId: E3, batchId: 'b-1', itemId: 'i-1', at: PAID_AT } },
  ]);
  // Another org, the same order id: its own rows, nothing of acme's.
  await visible(await append('globex', `earning-$ORG.${E2}`, [accrued(E2, 'o-1'), { type: 'EarningPaid', data: { earningId: E2, amount: EUR(1_000), payoutId: 'manual-1', at: PAID_AT } }]));
}

async function allEvents(): Promise<RecordedEvent[]> {
  return store.readAll({ after: null, maxCount: 10_000, filter: earningEvidenceProjection.filter });
}

async function apply(events: RecordedEvent[], size: number): Promise<void> {
  for (let i = 0; i < events.length; i += size) await db.transaction().execute((trx) => earningEvidenceProjection.apply(trx, events.slice(i, i + size)));
}

const TABLES = ['ledger_earning_evidence', 'ledger_evidence_order', 'ledger_evidence_batch'];
async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = (await sql`select * from ${sql.table(table)} order by 1, 2`.execute(db)).rows;
  return out;
}
const reset = () => sql`truncate ledger_earning_evidence, ledger_evidence_order, ledger_evidence_batch`.execute(db);

it('gathers the seven parts per earning from five kinds of stream, keyed by org; any replay leaves the same rows', async () => {
  await seed();
  const events = await allEvents();
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['PayoutBatchApproved', 'PayoutItemPosted', 'EarningFinalized', 'EarningUnfinalized', 'FraudCheckCompleted']));
  await apply(events, 500);

  const e1 = await readEvidence(db, 'acme', E1);
  expect(e1).toEqual({
    conversion: { orderId: 'o-1', sourceRef: 'scm-o-1', occurredAt: AT, channel: 'ecommerce', customerRef: 'cust-1', eventId: expect.any(String) },
    attribution: expect.objectContaining({ model: 'last_touch', code: 'ADA10', windowDays: 30, touchedAt: AT, precedence: 1, campaignId: 'camp-1', commissionBase: EUR(10_000) }),
    rules: { campaignId: 'camp-1', rulesVersion: 3 },
    fraudCheck: { status: 'checked', result: 'clear', rulesRun: ['self_referral', 'velocity'], flagIds: [], at: PAID_AT, eventId: expect.any(String) },
    calculation: {
      accrued: EUR(1_000),
      details: expect.objectContaining({ basis: 'percent', rateBps: 1_000 }),
      adjustments: [expect.objectContaining({ modificationId: 'm-1', delta: EUR(-100), amount: EUR(900) })],
    },
    approval: { batchId: 'b-1', approvedBy: 'fiona', role: 'inf_finance', at: PAID_AT, eventId: expect.any(String) },
    payment: { batchId: 'b-1', itemId: 'i-1', providerRef: 'tr_123', postedAt: PAID_AT, payoutId: 'b-1:i-1', amount: EUR(900), paidAt: PAID_AT },
  });
  // Unfinalized out of b-0, then in b-1: b-1's approval speaks for it; not checked for fraud is a visible state.
  const e3 = await readEvidence(db, 'acme', E3);
  expect(e3).toMatchObject({ approval: { batchId: 'b-1' }, fraudCheck: { status: 'not_checked' }, attribution: null, conversion: { orderId: 'o-3', customerRef: null, eventId: null } });
  // globex's earning on "its" o-1 sees none of acme's order facts; a payout without an item has no provider reference.
  const e2 = await readEvidence(db, 'globex', E2);
  expect(e2).toMatchObject({ attribution: null, fraudCheck: { status: 'not_checked' }, approval: null, payment: { payoutId: 'manual-1', providerRef: null, batchId: null } });
  expect(await readEvidence(db, 'globex', E1)).toMatchObject({ conversion: null, rules: null, calculation: null, approval: null, payment: null, fraudCheck: { status: 'not_checked' } });

  const first = await snapshot();
  for (const [size, events2] of [[1, events], [2, events.flatMap((e) => [e, e])], [500, events]] as const) {
    await apply(events2, size);
    expect(await snapshot()).toEqual(first);
  }
  await reset();
  await apply(events, 1);
  expect(await snapshot()).toEqual(first);

  // Another order $all could have given: every stream still in its own order, the streams the other way round.
  const streams = [...new Set(events.map((e) => e.stream))].reverse();
  const interleaved = streams.flatMap((s) => events.filter((e) => e.stream === s));
  await reset();
  await apply(interleaved, 3);
  expect(await snapshot()).toEqual(first);
});
