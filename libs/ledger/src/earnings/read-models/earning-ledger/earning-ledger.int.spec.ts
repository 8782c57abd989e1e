// Proves the ledger_earning projection on real PostgreSQL: rows, buckets and transitions as the write model folds them; replaying every event again, in other batch sizes or duplicated, leaves exactly the same rows; rows are keyed by (org, id), so one earning id in two orgs is two earnings.
import { sql, type Kysely } from 'kysely';
import type { Pool } from 'pg';
import { ProjectionRunner, verifyProjection } from '@ledger/projections';
import type { ConversionAttributed } from '@ledger/contracts';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { comparePositions, PostgresEventStore, streamName, type EventStore, type NewEvent, type Position } from '@ledger/event-store';
import { deterministicId, randomId } from '@ledger/kernel';
import { earningLedgerDecider, type EarningLedgerCommand, type EarningLedgerState } from '../../../domain/earning-ledger';
import { earningLedgerProjection } from './earning-ledger.projection';

let database: TestDatabase;
let db: Kysely<any>;
let pool: Pool;
let store: EventStore;
let close: () => Promise<void>;
beforeAll(async () => {
  database = await createTestDatabase('ledger_projection');
  const handle = createDb<any>(database.url);
  db = handle.db;
  pool = handle.pool;
  await migrateToLatest(db);
  store = new PostgresEventStore(handle.pool);
  close = async () => {
    await store.close();
    await handle.close();
    await database.drop();
  };
}, 60_000);
afterAll(() => close?.());

const ORG = 'acme';
const ORDERED = '2026-03-02T11:00:00.000Z';
const earningA = deterministicId(ORG, 'earning', 'o1', 'ada', 1);
const earningB = deterministicId(ORG, 'earning', 'o2', 'ada', 1);

/** Decides commands on their earnings' streams (as the process manager and the HTTP commands do) and appends them at once. */
async function decide(commands: EarningLedgerCommand[], metadata: { actorId: string; role?: string; sourceRef?: string; occurredAt: string }, org = ORG): Promise<Position> {
  const streams = [...new Set(commands.map((c) => streamName('earning', org, (c.data as { earningId: string }).earningId)))];
  const read = await store.readStreams(streams);
  const states = new Map<string, EarningLedgerState>();
  for (const [stream, recorded] of read) {
    let state: EarningLedgerState = earningLedgerDecider.initialState();
    for (const e of recorded) state = earningLedgerDecider.evolve(state, { type: e.type, data: e.data } as never);
    states.set(stream, state);
  }
  const events = new Map<string, NewEvent[]>(streams.map((s) => [s, []]));
  for (const command of commands) {
    const stream = streamName('earning', org, (command.data as { earningId: string }).earningId);
    let state = states.get(stream)!;
    for (const event of earningLedgerDecider.decide(command, state)) {
      state = earningLedgerDecider.evolve(state, event);
      events.get(stream)!.push({ id: randomId(), type: event.type, data: { ...event.data }, metadata: { org, correlationId: randomId(), schemaVersion: 1, ...metadata } });
    }
    states.set(stream, state);
  }
  const results = await store.appendMany(streams.map((stream) => ({ stream, events: events.get(stream)!, expectedRevision: read.get(stream)!.at(-1)?.revision ?? 'no_stream' })));
  return results.at(-1)!.position;
}

const accrue = (earningId: string, orderId: string, amount: number, lines: Array<{ lineId: string; base: number }>): EarningLedgerCommand => ({
  type: 'AccrueEarning',
  data: {
    earningId, influencerId: 'ada', campaignId: 'c1', orderId, channel: 'ecommerce', level: 1, amount: { amount, currency: 'EUR' }, rulesVersion: 1,
    calculation: { basis: 'percent', commissionBase: amount * 10, rateBps: 1_000, beforeCap: amount, lines }, occurredAt: ORDERED, sourceRef: `scm-${orderId}`, holdDays: 14,
  },
});

async function seed(): Promise<Position> {
  await decide([accrue(earningA, 'o1', 1_150, [{ lineId: 'a', base: 9_000 }, { lineId: 'b', base: 2_500 }]), accrue(earningB, 'o2', 1_000, [{ lineId: 'x', base: 10_000 }])], { actorId: 'system:attribution', sourceRef: 'scm-o1', occurredAt: ORDERED });
  const conversion: ConversionAttributed = {
    orderId: 'o1', campaignId: 'c1', influencerId: 'ada', rulesVersion: 1, occurredAt: ORDERED, assisted: [], commissionBase: { amount: 11_500, currency: 'EUR' },
    basis: { model: 'last_touch', windowDays: 30, code: 'ADA10', touchKind: 'code', touchId: null, touchedAt: ORDERED, channel: 'ecommerce', precedence: 0 },
  };
  await store.append(streamName('conversion', ORG, 'o1'), [{ id: deterministicId(ORG, 'attribution', 'o1', 'ConversionAttributed'), type: 'ConversionAttributed', data: { ...conversion }, metadata: { org: ORG, actorId: 'system:attribution', correlationId: 'c', schemaVersion: 1, occurredAt: ORDERED } }], { expectedRevision: 'no_stream' });
  await decide([{ type: 'ClawBack', data: { earningId: earningA, cumulative: 300, reference: { kind: 'return', id: 'r1' }, occurredAt: '2026-03-03T11:00:00.000Z' } }], { actorId: 'system:attribution', sourceRef: 'scm-r1', occurredAt: '2026-03-03T11:00:00.000Z' });
  await decide([{ type: 'ReleaseHold', data: { earningId: earningA, reasonCode: 'vip_early_release', note: 'ok', now: '2026-03-04T09:00:00.000Z' } }], { actorId: 'finance-fiona', role: 'inf_finance', occurredAt: '2026-03-04T09:00:00.000Z' });
  await decide([{ type: 'PlaceHold', data: { earningId: earningB, kind: 'fraud', reasonCode: 'velocity', now: '2026-03-04T10:00:00.000Z' } }], { actorId: 'fraud-fred', role: 'inf_fraud_reviewer', occurredAt: '2026-03-04T10:00:00.000Z' });
  return decide([{ type: 'ClawBack', data: { earningId: earningB, cumulative: 1_000, reference: { kind: 'cancellation', id: 'o2' }, occurredAt: '2026-03-05T11:00:00.000Z' } }], { actorId: 'system:attribution', sourceRef: 'scm-cancel-o2', occurredAt: '2026-03-05T11:00:00.000Z' });
}

async function snapshot() {
  const earnings = await sql`select * from ledger_earning order by earning_id`.execute(db);
  const transitions = await sql`select * from ledger_earning_transition order by commit_position, prepare_position`.execute(db);
  const conversions = await sql`select * from ledger_conversion order by org, order_id`.execute(db);
  return { earnings: earnings.rows, transitions: transitions.rows, conversions: conversions.rows };
}

async function applyInBatches(size: number, duplicate = false): Promise<void> {
  const all = await store.readAll({ after: null, maxCount: 10_000, filter: earningLedgerProjection.filter });
  const events = duplicate ? all.flatMap((e) => [e, e]) : all;
  for (let i = 0; i < events.length; i += size) {
    await db.transaction().execute((trx) => earningLedgerProjection.apply(trx, events.slice(i, i + size)));
  }
}

/** $all shows events below the oldest running transaction of the cluster (other test files share it): wait, bounded. */
async function visible(position: Position): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error('the store head did not reach the seeded events');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('folds earnings, buckets, transitions and the conversion; any replay leaves the same rows', async () => {
  await visible(await seed());
  await applyInBatches(500);
  const first = await snapshot();

  const byId = Object.fromEntries(first.earnings.map((r: any) => [r.earning_id, r]));
  expect(byId[earningA]).toMatchObject({
    org: ORG, influencer_id: 'ada', order_id: 'o1', state: 'payable', amount_minor: 1_150, clawed_back_minor: 300,
    pending_minor: 0, held_minor: 0, payable_minor: 850, paid_minor: 0, hold_kind: null, rules_version: 1, source_ref: 'scm-o1',
    refs: [{ kind: 'order', id: 'o1', sourceRef: 'scm-o1' }, { kind: 'return', id: 'r1', sourceRef: 'scm-r1', amount: 300 }],
  });
  expect(new Date(byId[earningA].hold_until).toISOString()).toBe('2026-03-16T11:00:00.000Z');
  expect(byId[earningB]).toMatchObject({ state: 'clawed_back', clawed_back_minor: 1_000, held_minor: 0, hold_kind: null });

  const history = first.transitions.filter((t: any) => t.earning_id === earningA).map((t: any) => [t.type, t.from_state, t.to_state, t.actor_id, t.role, t.reason_code, t.source_ref]);
  expect(history).toEqual([
    ['EarningAccrued', null, 'pending', 'system:attribution', null, null, 'scm-o1'],
    ['HoldPlaced', 'pending', 'held', 'system:attribution', null, 'hold_period', 'scm-o1'],
    ['EarningClawedBack', 'held', 'held', 'system:attribution', null, 'order_returned', 'scm-r1'],
    ['HoldReleased', 'held', 'payable', 'finance-fiona', 'inf_finance', 'vip_early_release', null],
  ]);
  expect(first.conversions).toEqual([expect.objectContaining({ org: ORG, order_id: 'o1', influencer_id: 'ada', commission_base_minor: 11_500 })]);

  // Replays: the same events again in one batch, one by one, three at a time, and each twice in a row.
  for (const [size, duplicate] of [[500, false], [1, false], [3, false], [2, true]] as const) {
    await applyInBatches(size, duplicate);
    expect(await snapshot()).toEqual(first);
  }

  // Rebuilt from nothing, in other batch sizes: the same rows again.
  await sql`truncate ledger_earning, ledger_earning_transition, ledger_conversion`.execute(db);
  await applyInBatches(2);
  expect(await snapshot()).toEqual(first);
});

it('the live projection (runner, checkpoint) verifies equal to a rebuild from history, and a tampered row is caught', async () => {
  await sql`truncate ledger_earning, ledger_earning_transition, ledger_conversion`.execute(db);
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const runner = new ProjectionRunner({ db, pool, eventStore: store, projections: [earningLedgerProjection], logger: silent, idlePollMs: 10 });
  await runner.start();
  try {
    const head = await store.headPosition();
    expect(await runner.waitFor(head!, 10_000)).toBe(true);
  } finally {
    await runner.stop();
  }
  const settings = { db, pool, eventStore: store, logger: silent };
  expect(await verifyProjection(settings, earningLedgerProjection)).toMatchObject({ equal: true });
  await sql`update ledger_earning set payable_minor = payable_minor - 1, held_minor = held_minor + 1 where earning_id = ${earningA}`.execute(db);
  const tampered = await verifyProjection(settings, earningLedgerProjection);
  expect(tampered.tables.map((t) => [t.table, t.equal])).toEqual([['ledger_earning', false], ['ledger_earning_transition', true], ['ledger_conversion', true]]);
});

it('one earning id in two orgs: two rows, each folded from its own org\'s events only', async () => {
  // Ids embed the org today; the key must not depend on it (issue 13, item 8).
  await visible(await decide([accrue(earningA, 'o1', 4_000, [{ lineId: 'z', base: 40_000 }])], { actorId: 'system:attribution', sourceRef: 'globex-o1', occurredAt: ORDERED }, 'globex'));
  await sql`truncate ledger_earning, ledger_earning_transition, ledger_conversion`.execute(db);
  await applyInBatches(500);
  const rows = (await sql<{ org: string; amount_minor: number; state: string }>`select org, amount_minor, state from ledger_earning where earning_id = ${earningA} order by org`.execute(db)).rows;
  expect(rows).toEqual([
    { org: ORG, amount_minor: 1_150, state: 'payable' },
    { org: 'globex', amount_minor: 4_000, state: 'held' }, // accrued, then its hold period
  ]);
  const transitions = (await sql<{ org: string; n: string }>`select org, count(*)::text as n from ledger_earning_transition where earning_id = ${earningA} group by org order by org`.execute(db)).rows;
  expect(transitions).toEqual([{ org: ORG, n: '4' }, { org: 'globex', n: '2' }]);
  await applyInBatches(1, true);
  expect((await sql`select count(*)::int as n from ledger_earning where earning_id = ${earningA}`.execute(db)).rows).toEqual([{ n: 2 }]);
});
