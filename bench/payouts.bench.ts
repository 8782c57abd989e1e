import { sql, type Kysely } from 'kysely';
import type { AppConfig } from '@ledger/config';
import type { EarningAccrued } from '@ledger/contracts';
import { createDb, migrateToLatest, type DbHandle } from '@ledger/db';
import { comparePositions, PostgresEventStore, type EventStore, type Position, type StreamAppend } from '@ledger/event-store';
import { setTimeout as delay } from 'node:timers/promises';
import { PayoutLedgerAdapter } from '@ledger/flows';
import { deterministicId, FixedClock, randomId } from '@ledger/kernel';
import { earningLedgerProjection, earningStream } from '@ledger/ledger';
import { payoutBatchDecider, payoutBatchProjection, type Batch } from '@ledger/payouts';
import type { Projection } from '@ledger/projections';
import { Logger, type RequestContext } from '@ledger/runtime';
import { CreatePayoutBatchHandler } from '../libs/payouts/src/batches/commands/create-batch/create-batch.handler';
import { PayoutItemSender } from '../libs/payouts/src/batches/commands/item-sender';
import { existingBatch } from '../libs/payouts/src/batches/commands/load-batch';
import { payoutProviders } from '../libs/payouts/src/providers/payout-providers';
import { benchDatabase, report, type Benchmark } from './support';

// `npm run bench -- payouts`: issue 10's payout run, timed in-process (no HTTP): PAYOUTS_INFLUENCERS (10,000)
// influencers with PAYOUTS_EARNINGS_EACH (10) payable earnings each, seeded straight into the store and projected;
// then create + approve + execute batches through the sandbox until nothing is payable — the handlers, the
// payout-earnings flow, the sandbox's table and the ledger projection between batches (the next creation reads it).
// Reported: earnings finalized (locked and paid) per second, beside a raw baseline in the same run: the same
// events (EarningFinalized, EarningPaid, the batch's item events) written by plain SQL INSERTs into a table shaped
// like the store's, in the same chunks. Goal: ratio ≥ 0.3.
export const benchmarks: Record<string, Benchmark> = { payouts: payoutsBench };

const INFLUENCERS = Number(process.env.PAYOUTS_INFLUENCERS ?? 10_000);
const EACH = Number(process.env.PAYOUTS_EARNINGS_EACH ?? 10);
const ORG = 'bench';
const NOW = '2026-04-01T00:00:00.000Z';
const SEED_CHUNK = 2_500;

async function payoutsBench(): Promise<void> {
  const database = await benchDatabase();
  const handle: DbHandle<any> = createDb(database.url, 8);
  try {
    await migrateToLatest(handle.db);
    const store = new PostgresEventStore(handle.pool);
    const seedStart = Date.now();
    await seed(store);
    const projected = await catchUp(handle.db, store, earningLedgerProjection, null);
    await sql`insert into program_payout_method (org, influencer_id, method, destination, set_at, last_revision, last_commit_position, last_prepare_position)
      select ${ORG}, 'inf-' || i, 'sandbox', jsonb_build_object('method', 'sandbox', 'accountId', 'acct_' || i), now(), 1, 0, 0 from generate_series(0, ${INFLUENCERS - 1}) i`.execute(handle.db);
    process.stderr.write(`[payouts] seeded ${INFLUENCERS * EACH} payable earnings of ${INFLUENCERS} influencers in ${Math.round((Date.now() - seedStart) / 1_000)} s\n`);

    const clock = new FixedClock(new Date(NOW));
    const ledger = new PayoutLedgerAdapter(store, handle.db);
    const config = { payouts: { stripeSecretKey: null, stripeWebhookSecret: null, stripeApiBase: null, providerTimeoutMs: null } } as unknown as AppConfig;
    const create = new CreatePayoutBatchHandler(store, ledger, clock);
    const sender = new PayoutItemSender(store, ledger, payoutProviders(config, handle.db), config, clock, Logger.create({ level: 'silent' }));
    const ctx = (actorId: string): RequestContext => ({ correlationId: randomId(), org: ORG, actorId, roles: ['inf_finance'], tokenRoles: ['inf_finance'], actingRole: 'inf_finance', authenticated: true, startedAt: 0 });
    const metadata = (actorId: string) => (occurredAt: string) => ({ org: ORG, actorId, correlationId: 'bench', schemaVersion: 1, occurredAt, role: 'inf_finance' });

    let after: Position | null = projected;
    let batches = 0;
    const start = process.hrtime.bigint();
    for (;;) {
      let batch;
      try {
        batch = await create.execute(ctx('bench-ann'), { currency: 'EUR' });
      } catch (error) {
        if ((error as { code?: string }).code === 'empty_batch') break;
        throw error;
      }
      batches += 1;
      const batchId = batch.id;
      await ledger.decide(ORG, batchId, [], metadata('bench-bob')(NOW), (state) => ({
        events: payoutBatchDecider.decide({ type: 'ApprovePayoutBatch', data: { approvedBy: 'bench-bob', role: 'inf_finance', now: NOW } }, existingBatch(state, batchId)),
        steps: [],
        result: undefined,
      }));
      let state: Batch | null = null;
      do {
        const decided = await ledger.decide(ORG, batchId, [], metadata('bench-ann')(NOW), (s) => ({
          events: payoutBatchDecider.decide({ type: 'StartPayoutExecution', data: { startedBy: 'bench-ann', now: NOW } }, existingBatch(s, batchId)),
          steps: [],
          result: undefined,
        }));
        await sender.sendPending(ORG, batchId, metadata('bench-ann'));
        state = (await ledger.decide(ORG, batchId, [], metadata('bench-ann')(NOW), (s) => ({ events: [], steps: [], result: existingBatch(s, batchId) }))).result;
        void decided;
      } while ([...state.items.values()].some((item) => item.state === 'pending'));
      // The next creation plans from the ledger's read model: it must have seen this batch's locks and payments.
      after = await catchUp(handle.db, store, earningLedgerProjection, after);
      process.stderr.write(`[payouts] batch ${batches}: ${state.items.size} items\n`);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const finalized = Number((await sql<{ n: string }>`select count(*) as n from es_event where type = 'EarningFinalized'`.execute(handle.db)).rows[0]!.n);
    const paid = Number((await sql<{ n: string }>`select count(*) as n from es_event where type = 'EarningPaid'`.execute(handle.db)).rows[0]!.n);
    process.stderr.write(`[payouts] ${batches} batches, ${finalized} earnings finalized, ${paid} paid in ${seconds.toFixed(1)} s\n`);
    await catchUp(handle.db, store, payoutBatchProjection, null);

    const baseline = await rawBaseline(handle.db, finalized, INFLUENCERS);
    const value = finalized / seconds;
    report('payouts.earnings_finalized_per_s', value, 'earnings/s', baseline);
  } finally {
    await handle.close();
    await database.drop();
    await database.stop();
  }
}

/** Per earning stream: accrued, period hold, released early — payable. */
async function seed(store: EventStore): Promise<void> {
  const total = INFLUENCERS * EACH;
  const metadata = { org: ORG, actorId: 'seed:payouts', correlationId: 'seed', schemaVersion: 1, occurredAt: NOW };
  for (let from = 0; from < total; from += SEED_CHUNK) {
    const appends: StreamAppend[] = [];
    for (let i = from; i < Math.min(total, from + SEED_CHUNK); i++) {
      const earningId = deterministicId(ORG, 'bench-payout-earning', i);
      const influencerId = `inf-${i % INFLUENCERS}`;
      const accrued: EarningAccrued = {
        earningId, influencerId, campaignId: 'c-1', orderId: `o-${i}`, channel: 'ecommerce', level: 1, amount: { amount: 500, currency: 'EUR' }, rulesVersion: 1,
        calculation: { basis: 'fixed', commissionBase: 5_000, fixedAmount: 500, beforeCap: 500, lines: [] }, occurredAt: NOW, sourceRef: `scm-o-${i}`,
      };
      appends.push({
        stream: earningStream(ORG, earningId),
        expectedRevision: 'no_stream',
        events: [
          { id: randomId(), type: 'EarningAccrued', data: { ...accrued }, metadata },
          { id: randomId(), type: 'HoldPlaced', data: { earningId, kind: 'period', holdUntil: NOW, reasonCode: 'hold_period', at: NOW }, metadata },
          { id: randomId(), type: 'HoldReleased', data: { earningId, kind: 'period', reasonCode: 'hold_expired', early: false, at: NOW }, metadata },
        ],
      });
    }
    await store.appendMany(appends);
  }
}

/** Applies what the projection reads after `after` (the runtime's batch loop, without its checkpoint table). */
async function catchUp(db: Kysely<any>, store: EventStore, projection: Projection<any>, after: Position | null): Promise<Position | null> {
  // $all shows an event once no older transaction of the cluster is open (ARCHITECTURE rule 4): read up to what is stored.
  const head = (await sql<{ commit: string; prepare: string }>`select transaction_id::text as commit, global_position::text as prepare from es_event order by transaction_id desc, global_position desc limit 1`.execute(db)).rows[0];
  const stored: Position | null = head ? { commit: BigInt(head.commit), prepare: BigInt(head.prepare) } : null;
  for (;;) {
    if (stored === null || (after !== null && comparePositions(after, stored) >= 0)) return after;
    const events = await store.readAll({ after, maxCount: 2_000, filter: projection.filter });
    if (events.length === 0) {
      const visible = await store.headPosition();
      if (visible !== null && comparePositions(visible, stored) >= 0) return after;
      await delay(20);
      continue;
    }
    await db.transaction().execute((trx) => projection.apply(trx, events));
    after = events.at(-1)!.position;
  }
}

/**
 * The same rows by plain SQL: per finalized earning an EarningFinalized and an EarningPaid row, per item a
 * PayoutItemPosted row, into a table shaped like es_event, in INSERT statements of the batches' size.
 */
async function rawBaseline(db: Kysely<any>, earnings: number, items: number): Promise<number> {
  await sql`create table bench_raw_event (id uuid primary key, stream_name text not null, revision bigint not null, type text not null, data jsonb not null, metadata jsonb not null)`.execute(db);
  const start = process.hrtime.bigint();
  const perStatement = 5_000;
  for (let from = 0; from < earnings; from += perStatement) {
    const n = Math.min(perStatement, earnings - from);
    await sql`insert into bench_raw_event (id, stream_name, revision, type, data, metadata)
      select gen_random_uuid(), 'earning-bench.' || (${from}::int + i), 3 + k, case when k = 0 then 'EarningFinalized' else 'EarningPaid' end,
        jsonb_build_object('earningId', (${from}::int + i)::text, 'batchId', 'b', 'itemId', 'i', 'amount', jsonb_build_object('amount', 500, 'currency', 'EUR'), 'at', ${NOW}::text::text),
        jsonb_build_object('org', ${ORG}::text, 'actorId', 'bench', 'occurredAt', ${NOW}::text)
      from generate_series(0, ${n - 1}::int) i, generate_series(0, 1) k`.execute(db);
  }
  await sql`insert into bench_raw_event (id, stream_name, revision, type, data, metadata)
    select gen_random_uuid(), 'payout-bench.b', i, 'PayoutItemPosted', jsonb_build_object('itemId', i::text, 'amount', jsonb_build_object('amount', 5000, 'currency', 'EUR')), '{}'::jsonb
    from generate_series(1, ${items}::int) i`.execute(db);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return earnings / seconds;
}
