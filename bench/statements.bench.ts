import { createDb, migrateToLatest } from '@ledger/db';
import { PostgresEventStore, type NewEvent, type StreamAppend } from '@ledger/event-store';
import { deterministicId, LIMITS, randomId, systemClock } from '@ledger/kernel';
import { ProjectionRunner, type ProjectionLogger } from '@ledger/projections';
import type { RequestContext } from '@ledger/runtime';
import { GenerateStatementHandler, RunStatementsHandler, statementLinesProjection, statementProjection } from '@ledger/statements';
import { sql } from 'kysely';
import { benchDatabase, rate, report, type Benchmark } from './support';

// `npm run bench -- statements`: statement/run over INFLUENCERS influencers with EARNINGS earnings each (accrued, held,
// released in one past month; seeded straight into the store, then projected into statement_line), in-process, cut at
// one position like the HTTP command. Baseline in the same run: the same statements written by plain SQL — per
// influencer one SELECT of its lines and one INSERT of a JSON row, with the same concurrency.
export const benchmarks: Record<string, Benchmark> = { statements: statementsBench };

const INFLUENCERS = Number(process.env.STATEMENTS_INFLUENCERS ?? 2_000);
const EARNINGS = Number(process.env.STATEMENTS_EARNINGS ?? 10);
const ORG = 'bench';
const EUR = 'EUR';
const silent: ProjectionLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function statementsBench(): Promise<void> {
  const database = await benchDatabase();
  const handle = createDb<any>(database.url, 8);
  const store = new PostgresEventStore(handle.pool);
  const runner = new ProjectionRunner({ db: handle.db, pool: handle.pool, eventStore: store, projections: [statementLinesProjection, statementProjection], logger: silent });
  try {
    await migrateToLatest(handle.db);
    const now = new Date();
    const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString();
    const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString();
    const seeded = await seed(store, periodStart);
    await runner.start();
    const head = await store.headPosition();
    if (head && !(await runner.waitFor(head, 600_000))) throw new Error('statement lines did not catch up');
    process.stderr.write(`[statements] seeded and projected ${seeded} events\n`);

    const generator = new GenerateStatementHandler(store, handle.db, runner, systemClock);
    const run = new RunStatementsHandler(generator, handle.db, systemClock);
    const ctx: RequestContext = { correlationId: randomId(), org: ORG, actorId: 'bench-finance', roles: ['inf_finance'], tokenRoles: ['inf_finance'], authenticated: true, startedAt: 0 };
    let issued = 0;
    const statementsPerSecond = await rate(INFLUENCERS, async () => {
      const answer = await run.run(ctx, { periodStart, periodEnd, currency: EUR });
      issued = answer.issued;
    });
    if (issued !== INFLUENCERS) throw new Error(`statement/run issued ${issued} of ${INFLUENCERS}`);

    await sql`create table bench_statement (org text, influencer_id text, body text, primary key (org, influencer_id))`.execute(handle.db);
    const influencers = Array.from({ length: INFLUENCERS }, (_, i) => `inf-${i}`);
    const baseline = await rate(INFLUENCERS, async () => {
      let next = 0;
      const lane = async () => {
        while (next < influencers.length) {
          const influencerId = influencers[next++]!;
          const lines = await sql<Record<string, unknown>>`select at_iso, kind, earning_id, amount_minor, owed_delta_minor, payable_delta_minor from statement_line
            where org = ${ORG} and influencer_id = ${influencerId} and currency = ${EUR} and at >= ${periodStart}::timestamptz and at < ${periodEnd}::timestamptz
            order by at, commit_position, prepare_position limit ${LIMITS.statements.linesPerStatement}`.execute(handle.db);
          await sql`insert into bench_statement values (${ORG}, ${influencerId}, ${JSON.stringify(lines.rows)})`.execute(handle.db);
        }
      };
      await Promise.all(Array.from({ length: LIMITS.statements.runConcurrency }, lane));
    });
    report('statements-run', statementsPerSecond, 'statements/s', baseline);
  } finally {
    await runner.stop();
    await store.close();
    await handle.close();
    await database.drop();
    await database.stop();
  }
}

/** Per influencer EARNINGS earning streams: accrued, period hold, released, all inside the month. */
async function seed(store: PostgresEventStore, periodStart: string): Promise<number> {
  const at = (days: number) => new Date(Date.parse(periodStart) + days * 86_400_000).toISOString();
  let batch: StreamAppend[] = [];
  let events = 0;
  const flush = async () => {
    if (batch.length > 0) await store.appendMany(batch);
    batch = [];
  };
  for (let i = 0; i < INFLUENCERS; i++) {
    for (let k = 0; k < EARNINGS; k++) {
      const earningId = deterministicId(ORG, 'bench-earning', i, k);
      const orderId = `o-${i}-${k}`;
      const metadata = { org: ORG, actorId: 'bench', correlationId: orderId, schemaVersion: 1, occurredAt: at(1) };
      const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: deterministicId(ORG, type, earningId), type, data: { earningId, ...data }, metadata });
      batch.push({
        stream: `earning-${ORG}.${earningId}`,
        expectedRevision: 'no_stream',
        events: [
          event('EarningAccrued', { influencerId: `inf-${i}`, campaignId: 'c-1', orderId, channel: 'ecommerce', level: 1, amount: { amount: 1_000 + k, currency: EUR }, rulesVersion: 1, calculation: {}, occurredAt: at(1 + (k % 10)), sourceRef: `scm-${orderId}` }),
          event('HoldPlaced', { kind: 'period', holdUntil: at(8 + (k % 10)), reasonCode: 'hold_period', at: at(1 + (k % 10)) }),
          event('HoldReleased', { kind: 'period', reasonCode: 'hold_expired', early: false, at: at(8 + (k % 10)) }),
        ],
      });
      events += 3;
      if (batch.length >= 300) await flush();
    }
  }
  await flush();
  return events;
}
