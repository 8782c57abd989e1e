import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { INF_ROLES } from '@ledger/contracts';
import { loadConfig } from '@ledger/config';
import { createDb, migrateToLatest, type DbHandle } from '@ledger/db';
import { createHttpApp, issueHs256Token } from '@ledger/http';
import { Logger } from '@ledger/runtime';
import { LedgerAppModule } from '../apps/main/app.module';
import { startRuntime } from '../apps/main/runtime';
import { freePort, startApp, stopApp } from './app-processes';
import { designFloorRate } from './ingest-floor';
import { benchDatabase, rate, report, type Benchmark } from './support';

// `npm run bench -- ingest`: the whole product on a fresh database, in two topologies, each its own run:
//   - apps/api + apps/worker as two processes (the production shape: HTTP intake in one, the
//     projections and the ledger's process manager in the other), and
//   - one process (what `npm start` runs: HTTP, projections and process managers in one event loop).
// One campaign, one influencer, one coupon code; then N SCM events (orders using the code, returns for
// a quarter of them) through scm/ingest in NDJSON batches, timed until the read models show them all:
//   - the orders read model (orders_order: every order, every return), and
//   - the ledger (ledger_earning: an earning per order, a clawback per returned order), built by
//     the ledger's process manager and projection from the same events.
// Baseline, same run, same database: the same JSON lines as multi-row INSERTs into a plain table.
// Last, the design's floor (ingest-floor.ts): the rows the architecture obliges per fact, written as
// bare INSERTs into the real tables — the most any implementation of this design could reach here.
export const benchmarks: Record<string, Benchmark> = { ingest: ingestBench };

const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 20_000);
const BATCH_LINES = Number(process.env.BENCH_INGEST_BATCH_LINES ?? 1_000);
const IN_FLIGHT = Number(process.env.BENCH_INGEST_IN_FLIGHT ?? 2); // NDJSON requests in flight at once (Node is the limit beyond 2)
const RETURN_EVERY = 4; // one order in four gets a return (in a later batch)
const SETTLE_TIMEOUT_MS = Number(process.env.BENCH_INGEST_TIMEOUT_MS ?? 600_000);
const START_TIMEOUT_MS = 120_000;
const ORG = 'bench';
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const CODE = 'BENCH10';

// BENCH_INGEST_PARTS picks parts of the run (default all): processes, duplicated, one-process, floor.
// `duplicated`: the production topology again, every NDJSON batch sent twice (each fact delivered
// twice, the copy right behind the original), timed until the ledger shows it all.
const PARTS = new Set((process.env.BENCH_INGEST_PARTS ?? 'processes,duplicated,one-process,floor').split(','));

async function ingestBench(): Promise<void> {
  const ledger = new Map<string, number>();
  if (PARTS.has('processes')) ledger.set('api + worker processes', await measureTopology('api + worker processes', twoProcesses));
  if (PARTS.has('duplicated')) ledger.set('duplicated', await measureTopology('api + worker processes, every fact twice', twoProcesses, 2));
  if (PARTS.has('one-process')) ledger.set('one process', await measureTopology('one process', oneProcess));
  const floor = PARTS.has('floor') ? await measureDesignFloor() : Number.NaN;
  // Side by side, each rate of this run against the floor measured in this run (rates in distinct facts/s).
  for (const topology of ['api + worker processes', 'one process']) {
    const product = ledger.get(topology);
    if (product !== undefined && Number.isFinite(product) && Number.isFinite(floor)) report(`[summary] ${topology}: ledger shows every fact, against the design's floor`, product, 'events/s', floor);
  }
  const once = ledger.get('api + worker processes');
  const twice = ledger.get('duplicated');
  // The cost of a fully duplicated stream against the deduplicated one: seconds until the ledger shows the same facts, twice / once.
  if (once !== undefined && twice !== undefined && Number.isFinite(once) && Number.isFinite(twice)) {
    report(`[summary] fully duplicated stream (every fact delivered twice): seconds until the ledger shows the ${EVENTS} facts, against the deduplicated run`, EVENTS / twice, 's', EVENTS / once);
  }
}

/** Facts per second of the design's floor (and its baseline, reported), on a database of its own. */
async function measureDesignFloor(): Promise<number> {
  const database = await benchDatabase();
  const bench = createDb<unknown>(database.url, IN_FLIGHT);
  try {
    await migrateToLatest(bench.db as never);
    const { batches } = scmBatches(EVENTS);
    // The baseline before and after: the floor's tables grow while the plain table's does not.
    const before = await rate(EVENTS, () => rawInsert(bench.pool, batches));
    const floor = await designFloorRate(bench.pool, ORG, batches, IN_FLIGHT);
    await bench.pool.query('TRUNCATE bench_raw_scm');
    const after = await rate(EVENTS, () => rawInsert(bench.pool, batches));
    const baseline = (before + after) / 2;
    report(`[design floor] raw multi-row INSERT of the same ${EVENTS} JSON lines (baseline, mean of before and after)`, baseline, 'events/s');
    report(`[design floor] the rows the design must write per fact, as bare multi-row INSERTs into the real tables, ${IN_FLIGHT} connections`, floor, 'events/s', baseline);
    return floor;
  } finally {
    await bench.close();
    await database.drop();
    await database.stop();
  }
}

/** A running product: its HTTP base URL, and how to stop it. */
interface Running {
  port: number;
  stop(): Promise<void>;
}

async function twoProcesses(databaseUrl: string, bench: DbHandle<unknown>): Promise<Running> {
  await migrateToLatest(bench.db as never); // once, before two processes would race for it
  const port = await freePort();
  const worker = startApp('worker', { databaseUrl, port: 0, jwtSecret: SECRET });
  const api = startApp('api', { databaseUrl, port, jwtSecret: SECRET });
  const stop = async () => {
    await stopApp(api);
    await stopApp(worker);
  };
  try {
    await waitForHealth(port, () => api.exitCode !== null || worker.exitCode !== null);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, stop };
}

async function oneProcess(databaseUrl: string): Promise<Running> {
  const logger = Logger.create({ level: 'error', name: 'bench' });
  const config = loadConfig({ DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: SECRET, LOG_LEVEL: 'error', PORT: '0' });
  const started = await startRuntime(config, { runProjections: true, logger });
  const app = await createHttpApp(LedgerAppModule.forRoot(started.runtime, { http: true, worker: true }), started.runtime);
  await started.startBackground();
  await app.listen(0, '127.0.0.1');
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  return {
    port,
    stop: async () => {
      await app.close();
      await started.stop();
    },
  };
}

/** Distinct facts per second until the ledger shows them all (NaN when it did not catch up). `copies`: times each batch is sent. */
async function measureTopology(topology: string, start: (databaseUrl: string, bench: DbHandle<unknown>) => Promise<Running>, copies = 1): Promise<number> {
  const database = await benchDatabase();
  const bench = createDb<unknown>(database.url, 2); // the baseline's and the pollers' own connections
  let running: Running | null = null;
  try {
    running = await start(database.url, bench);
    const token = await issueHs256Token(SECRET, { sub: 'bench', org: ORG, roles: [...INF_ROLES], exp: Math.floor(Date.now() / 1000) + 3600 });
    const client = new Client(`http://127.0.0.1:${running.port}/influencer`, token);
    const { pool } = bench;

    await setUpProgram(client);
    const { batches, orders, returns } = scmBatches(EVENTS);

    const baseline = await rate(EVENTS, () => rawInsert(pool, batches));
    report(`[${topology}] raw multi-row INSERT of the same ${EVENTS} JSON lines, ${BATCH_LINES} a statement (baseline)`, baseline, 'events/s');

    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    await sendAll(client, batches.flatMap((batch) => Array.from({ length: copies }, () => batch)));
    report(`[${topology}] scm/ingest answered (appended to the event store), ${BATCH_LINES}-line NDJSON batches, ${IN_FLIGHT} in flight`, EVENTS / seconds(), 'events/s', baseline);

    await until(() => ordersShown(pool, orders, returns), SETTLE_TIMEOUT_MS);
    report(`[${topology}] scm/ingest → orders read model shows every order and return`, EVENTS / seconds(), 'events/s', baseline);

    if (await until(() => ledgerShown(pool, orders, returns), SETTLE_TIMEOUT_MS).then(() => true, () => false)) {
      return report(`[${topology}] scm/ingest → ledger shows every earning and clawback (ledger_earning)`, EVENTS / seconds(), 'events/s', baseline).value;
    }
    const shown = await ledgerCounts(pool);
    process.stderr.write(`[bench] ${topology}: the ledger did not catch up within ${SETTLE_TIMEOUT_MS} ms: ${shown.earnings}/${orders} earnings, ${shown.clawed}/${returns} clawbacks shown\n`);
    process.exitCode = 1;
    return Number.NaN;
  } finally {
    await bench.close();
    await running?.stop();
    await database.drop();
    await database.stop();
  }
}

async function waitForHealth(port: number, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited()) throw new Error('an app process exited during start-up');
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((res) => res.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the api did not become healthy in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

class Client {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async post<T = Record<string, unknown>>(path: string, body: unknown, contentType = 'application/json'): Promise<T> {
    const res = await fetch(`${this.base}/${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const answer = (await res.json()) as T;
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(answer)}`);
    return answer;
  }
}

async function setUpProgram(client: Client): Promise<void> {
  const campaign = await client.post<{ id: string }>('campaign/create', {
    name: 'Bench campaign',
    attribution: { model: 'coupon', windowDays: 30 },
    channels: ['ecommerce'],
    earnings: { type: 'percent', rateBps: 1_000 },
    holdDays: 14,
    lockDays: 60,
    minPayout: { amount: 1_000, currency: 'EUR' },
  });
  await client.post('campaign/activate', { campaignId: campaign.id });
  const influencer = await client.post<{ id: string }>('profile/create', { name: 'Bench Influencer', email: 'bench@example.com' });
  await client.post('code/create', { campaignId: campaign.id, influencerId: influencer.id, code: CODE, kind: 'coupon' });
}

/** N SCM events as NDJSON batches: orders with the code; each 4th order returned one batch later. */
function scmBatches(events: number): { batches: string[][]; orders: number; returns: number } {
  const orders = Math.ceil((events * RETURN_EVERY) / (RETURN_EVERY + 1));
  const returns = events - orders;
  // Business time after the campaign's activation (now), so every order is attributable.
  const occurredAt = new Date(Date.now() + 60_000).toISOString();
  const returnedAt = new Date(Date.now() + 120_000).toISOString();
  const lines: string[] = [];
  let returned = 0;
  for (let i = 0; i < orders; i++) {
    lines.push(
      JSON.stringify({
        type: 'OrderPlaced',
        sourceRef: `scm-o-${i}`,
        orderId: `o-${i}`,
        channel: 'ecommerce',
        customerRef: `cust-${i}`,
        occurredAt,
        currency: 'EUR',
        lines: [
          { lineId: 'l1', sku: `SKU-${i % 97}`, category: 'apparel', quantity: 2, unitPrice: 2_999, discount: 300 },
          { lineId: 'l2', sku: 'CAP', quantity: 1, unitPrice: 1_500 },
        ],
        codes: [CODE],
      }),
    );
    // The return of an order from about two batches back: orders 0, 4, 8, … in turn.
    if (i >= 2 * BATCH_LINES && i % RETURN_EVERY === 0 && returned < returns) {
      lines.push(returnLine(returned * RETURN_EVERY, returnedAt));
      returned += 1;
    }
  }
  for (; returned < returns; returned++) lines.push(returnLine(returned * RETURN_EVERY, returnedAt));
  const batches: string[][] = [];
  for (let i = 0; i < lines.length; i += BATCH_LINES) batches.push(lines.slice(i, i + BATCH_LINES));
  return { batches, orders, returns };
}

function returnLine(orderIndex: number, occurredAt: string): string {
  return JSON.stringify({ type: 'OrderReturned', sourceRef: `scm-r-${orderIndex}`, orderId: `o-${orderIndex}`, returnId: `r-${orderIndex}`, occurredAt, lines: [{ lineId: 'l1', quantity: 1 }] });
}

async function sendAll(client: Client, batches: string[][]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const answer = await client.post<{ summary: { rejected: number }; results: unknown[] }>('scm/ingest', `${batch.join('\n')}\n`, 'application/x-ndjson');
      if (answer.summary.rejected > 0) throw new Error(`scm/ingest rejected lines: ${JSON.stringify(answer.results.filter((r) => (r as { status: string }).status === 'rejected').slice(0, 3))}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

const RAW_TABLE = `CREATE TABLE IF NOT EXISTS bench_raw_scm (id bigserial PRIMARY KEY, org text NOT NULL, payload jsonb NOT NULL)`;

async function rawInsert(pool: Pool, batches: string[][]): Promise<void> {
  await pool.query(RAW_TABLE);
  for (const batch of batches) {
    const values = batch.map((_, r) => `($${2 * r + 1}, $${2 * r + 2}::jsonb)`).join(', ');
    await pool.query(`INSERT INTO bench_raw_scm (org, payload) VALUES ${values}`, batch.flatMap((line) => [ORG, line]));
  }
}

async function ordersShown(pool: Pool, orders: number, returns: number): Promise<boolean> {
  const { rows } = await pool.query<{ recorded: number; returns: number }>(
    `SELECT count(*) FILTER (WHERE source_ref IS NOT NULL)::int AS recorded, coalesce(sum(return_count), 0)::int AS returns FROM orders_order WHERE org = $1`,
    [ORG],
  );
  return rows[0]!.recorded === orders && rows[0]!.returns === returns;
}

/** One earning per order (one influencer, no referral levels); each returned order's earning partly clawed back. */
async function ledgerShown(pool: Pool, orders: number, returnedOrders: number): Promise<boolean> {
  const { earnings, clawed } = await ledgerCounts(pool);
  return earnings === orders && clawed === returnedOrders;
}

async function ledgerCounts(pool: Pool): Promise<{ earnings: number; clawed: number }> {
  const { rows } = await pool.query<{ earnings: number; clawed: number }>(
    `SELECT count(*)::int AS earnings, count(*) FILTER (WHERE clawed_back_minor > 0)::int AS clawed FROM ledger_earning WHERE org = $1`,
    [ORG],
  );
  return rows[0]!;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`read models did not catch up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
