// Proves the statement_lines read model on real PostgreSQL with the real runner in batches of 2: one line per ledger
// fact keyed by its event (kind, business time, record position, effects on owed and payable), the earning fold carried
// across batches, and a replay (all again, overlapping halves) plus the auditors' verify changing nothing.
import { sql, type Kysely } from 'kysely';
import { createDb, createTestDatabase, migrateToLatest, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, type Position } from '@ledger/event-store';
import { randomId } from '@ledger/kernel';
import { ProjectionRunner, verifyProjection, type ProjectionLogger } from '@ledger/projections';
import type { Pool } from 'pg';
import { statementLinesProjection } from './statement-lines.projection';

const ORG = 'acme';
const EUR = 'EUR';
const silent: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let database: TestDatabase;
let pool: Pool;
let db: Kysely<any>;
let store: PostgresEventStore;
let last: Position | null = null;

beforeAll(async () => {
  database = await createTestDatabase('ledger_statements');
  ({ pool, db } = createDb<any>(database.url));
  await migrateToLatest(db);
  store = new PostgresEventStore(pool);
});
afterAll(async () => {
  await store.close();
  await db.destroy();
  await database.drop();
});

async function append(earningId: string, events: Array<{ type: string; data: Record<string, unknown> }>) {
  const metadata = { org: ORG, actorId: 'tester', correlationId: randomId(), schemaVersion: 1, occurredAt: '2026-03-01T10:00:00.000Z' };
  const result = await store.append(`earning-${ORG}.${earningId}`, events.map((e) => ({ id: randomId(), type: e.type, data: { earningId, ...e.data }, metadata })), { expectedRevision: 'any' });
  last = result.position;
}

const accrued = (orderId: string, amount: number, occurredAt: string) => ({
  type: 'EarningAccrued',
  data: { influencerId: 'inf-1', campaignId: 'c-1', orderId, channel: 'ecommerce', level: 1, amount: { amount, currency: EUR }, rulesVersion: 1, calculation: {}, occurredAt, sourceRef: `scm-${orderId}` },
});
const held = (at: string) => ({ type: 'HoldPlaced', data: { kind: 'period', holdUntil: at, reasonCode: 'hold_period', at } });
const released = (at: string) => ({ type: 'HoldReleased', data: { kind: 'period', reasonCode: 'hold_expired', early: false, at } });
const clawedBack = (amount: number, cumulative: number, at: string) => ({
  type: 'EarningClawedBack',
  data: { amount: { amount, currency: EUR }, cumulative, reference: { kind: 'return', id: `r-${cumulative}` }, reasonCode: 'order_returned', at },
});

async function rows(table: string) {
  const { rows: found } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2, 3`.execute(db);
  return JSON.parse(JSON.stringify(found)) as Array<Record<string, unknown>>;
}

it('folds each earning across batches into lines with their effects; a replay and verify change nothing', async () => {
  const e1 = randomId();
  const e2 = randomId();
  await append(e1, [accrued('o-1', 1_000, '2026-03-02T10:00:00Z'), held('2026-03-02T10:00:00Z')]);
  await append(e2, [accrued('o-2', 2_500, '2026-03-05T10:00:00Z'), held('2026-03-05T10:00:00Z')]);
  await append(e1, [released('2026-03-09T10:00:00Z'), clawedBack(400, 400, '2026-03-20T10:00:00Z')]);
  await append(e2, [clawedBack(1_000, 1_000, '2026-03-11T10:00:00Z'), released('2026-03-12T10:00:00Z')]);

  const runner = new ProjectionRunner({ db, pool, eventStore: store, projections: [statementLinesProjection], logger: silent, batchEvents: 2, idlePollMs: 10 });
  await runner.start();
  try {
    expect(await runner.waitFor(last!, 10_000)).toBe(true);
  } finally {
    await runner.stop();
  }

  const lines = await db.selectFrom('statement_line').selectAll().where('org', '=', ORG).orderBy('at').orderBy('commit_position').orderBy('prepare_position').execute();
  expect(lines.map((l) => [l.order_id, l.kind, l.at_iso, Number(l.amount_minor), Number(l.owed_delta_minor), Number(l.payable_delta_minor)])).toEqual([
    ['o-1', 'earned', '2026-03-02T10:00:00.000Z', 1_000, 1_000, 0],
    ['o-1', 'held', '2026-03-02T10:00:00.000Z', 1_000, 0, 0],
    ['o-2', 'earned', '2026-03-05T10:00:00.000Z', 2_500, 2_500, 0],
    ['o-2', 'held', '2026-03-05T10:00:00.000Z', 2_500, 0, 0],
    ['o-1', 'released', '2026-03-09T10:00:00.000Z', 1_000, 0, 1_000],
    ['o-2', 'clawed_back', '2026-03-11T10:00:00.000Z', 1_000, -1_000, 0], // still held: payable untouched
    ['o-2', 'released', '2026-03-12T10:00:00.000Z', 1_500, 0, 1_500],
    ['o-1', 'clawed_back', '2026-03-20T10:00:00.000Z', 400, -400, -400], // payable by then
  ]);
  expect(lines.every((l) => l.influencer_id === 'inf-1' && l.currency === EUR && l.source_ref !== null)).toBe(true);
  expect((await rows('statement_earning')).map((r) => [r.order_id, r.state, r.net_minor, r.paid_minor]).sort()).toEqual([
    ['o-1', 'payable', 600, 0],
    ['o-2', 'payable', 1_500, 0],
  ]);

  const before = [await rows('statement_line'), await rows('statement_earning')];
  const events = await store.readAll({ after: null, maxCount: 1_000, filter: statementLinesProjection.filter! });
  const half = Math.ceil(events.length / 2);
  await db.transaction().execute((trx) => statementLinesProjection.apply(trx, events));
  await db.transaction().execute((trx) => statementLinesProjection.apply(trx, events.slice(0, half + 1)));
  await db.transaction().execute((trx) => statementLinesProjection.apply(trx, events.slice(half - 1)));
  expect([await rows('statement_line'), await rows('statement_earning')]).toEqual(before);
  expect((await verifyProjection({ db, pool, eventStore: store, logger: silent }, statementLinesProjection)).equal).toBe(true);
});
