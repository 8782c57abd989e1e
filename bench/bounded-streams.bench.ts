import type { ChildProcess } from 'node:child_process';
import { appendProgramEvents, programRules, ProgramEvents } from '@ledger/attribution';
import { INF_ROLES } from '@ledger/contracts';
import { createDb, migrateToLatest, type DbHandle } from '@ledger/db';
import { PostgresEventStore, streamName, type StreamAppend } from '@ledger/event-store';
import { issueHs256Token } from '@ledger/http';
import { randomId } from '@ledger/kernel';
import { ORDER_EARNINGS_PM } from '@ledger/flows';
import { earningLedgerProjection, loadedEarningId, seedLoadedLedger } from '@ledger/ledger';
import { freePort, startApp, stopApp } from './app-processes';
import { benchDatabase, median, report, type Benchmark } from './support';

// `npm run bench -- bounded`: ADR 0009's claim, timed. One influencer with LOAD earnings and one
// campaign with LOAD conversions (seeded straight into the store, as the acceptance test does), and a
// fresh influencer and campaign beside them in the same org; the production topology (apps/api +
// apps/worker) over real HTTP. Each command is timed ROUNDS times on both, interleaved, and reported
// as the median latency on the loaded one with the fresh one as baseline: the goal is a ratio ≤ 2.
// `pm-attribution` is an order recorded → its AttributionDecided stored (the worker's poll included).
export const benchmarks: Record<string, Benchmark> = { bounded: boundedBench };

const LOAD = Number(process.env.BOUNDED_LOAD ?? 200_000);
const ROUNDS = Number(process.env.BOUNDED_ROUNDS ?? 30);
const FRESH_EARNINGS = ROUNDS + 10;
const ORG = 'bench';
const SECRET = 'bench-secret-0123456789abcdef-0123456789';
const START_TIMEOUT_MS = 120_000;
const CATCH_UP_TIMEOUT_MS = 1_800_000;

interface Subject {
  influencerId: string;
  campaignId: string;
  code: string;
}
const LOADED: Subject = { influencerId: 'busy', campaignId: 'c-busy', code: 'BUSY10' };
const FRESH: Subject = { influencerId: 'new', campaignId: 'c-new', code: 'NEW10' };

async function boundedBench(): Promise<void> {
  const database = await benchDatabase();
  const handle: DbHandle<unknown> = createDb(database.url, 4);
  let api: ChildProcess | null = null;
  let worker: ChildProcess | null = null;
  try {
    await migrateToLatest(handle.db as never);
    const store = new PostgresEventStore(handle.pool);
    const monthStart = `${new Date().toISOString().slice(0, 7)}-01T00:00:00.000Z`;
    await seedPrograms(store);
    const seedStart = Date.now();
    // Holds of 60 days: nothing of the load falls due while the benchmark runs (the scheduler stays idle).
    const seeded = await seedLoadedLedger(store, { org: ORG, ...subjectIds(LOADED), earnings: LOAD, monthStart, holdDays: 60 });
    await seedLoadedLedger(store, { org: ORG, ...subjectIds(FRESH), earnings: FRESH_EARNINGS, monthStart, holdDays: 60 });
    process.stderr.write(`[bounded] seeded ${seeded.events} events in ${Math.round((Date.now() - seedStart) / 1_000)} s\n`);

    const port = await freePort();
    worker = startApp('worker', { databaseUrl: database.url, port: 0, jwtSecret: SECRET });
    api = startApp('api', { databaseUrl: database.url, port, jwtSecret: SECRET });
    const catchUpStart = Date.now();
    await caughtUp(handle);
    process.stderr.write(`[bounded] projections caught up with the load in ${Math.round((Date.now() - catchUpStart) / 1_000)} s\n`);
    const token = await issueHs256Token(SECRET, { sub: 'bench-finance', org: ORG, roles: [...INF_ROLES], exp: Math.floor(Date.now() / 1_000) + 7_200 });
    const post = postWith(port, token, api);
    await waitUntilServing(post);

    const timings: Record<string, { loaded: number[]; fresh: number[] }> = {};
    let warm = false;
    const time = async (name: string, which: 'loaded' | 'fresh', run: () => Promise<void>) => {
      const start = process.hrtime.bigint();
      await run();
      if (warm) (timings[name] ??= { loaded: [], fresh: [] })[which].push(Number(process.hrtime.bigint() - start) / 1e6);
    };
    // Round -1 warms both up (JIT, pools, the catalog's first lookups) and is not counted.
    for (let round = -1; round < ROUNDS; round++) {
      warm = round >= 0;
      // Alternate which goes first, so a noisy neighbour hurts both alike.
      const order: Array<['loaded' | 'fresh', Subject]> = Math.abs(round) % 2 === 0 ? [['loaded', LOADED], ['fresh', FRESH]] : [['fresh', FRESH], ['loaded', LOADED]];
      for (const [which, subject] of order) {
        const earningId = loadedEarningId({ org: ORG, influencerId: subject.influencerId }, round < 0 ? ROUNDS + 1 : round);
        await time('earning-hold', which, () => post('earning/hold', { earningIds: [earningId], reasonCode: 'bench' }, 'inf_finance'));
        await time('earning-release', which, () => post('earning/release', { earningIds: [earningId], reasonCode: 'bench' }, 'inf_finance'));
        await time('influencer-suspend', which, () => post('profile/suspend', { influencerId: subject.influencerId, reasonCode: 'bench' }));
        await post('profile/reactivate', { influencerId: subject.influencerId });
        await time('campaign-pause', which, () => post('campaign/pause', { campaignId: subject.campaignId }));
        await post('campaign/activate', { campaignId: subject.campaignId });
        await time('pm-attribution', which, () => attributed(store, post, subject, `${which}-${round}`));
      }
    }
    for (const [name, { loaded, fresh }] of Object.entries(timings)) {
      report(`bounded ${name} (${LOAD} on the loaded one) p50 ms`, median(loaded), 'ms', median(fresh));
    }
  } finally {
    await stopApp(api);
    await stopApp(worker);
    await handle.pool.end();
    await database.drop();
    await database.stop();
  }
}

function subjectIds(subject: Subject): { influencerId: string; campaignId: string } {
  return { influencerId: subject.influencerId, campaignId: subject.campaignId };
}

async function seedPrograms(store: PostgresEventStore): Promise<void> {
  const p = new ProgramEvents(ORG);
  const at = new Date(Date.now() - 40 * 86_400_000).toISOString();
  const appends: StreamAppend[] = [];
  for (const s of [LOADED, FRESH]) {
    appends.push(p.campaignCreated(s.campaignId, programRules({ channels: ['ecommerce'] }), at), p.campaignActivated(s.campaignId, at), p.influencerRegistered(s.influencerId, at));
    appends.push(p.codeIssued({ code: s.code, campaignId: s.campaignId, influencerId: s.influencerId, issuedAt: at }));
  }
  await appendProgramEvents(store, appends);
}

type Post = (path: string, body: unknown, actorRole?: string) => Promise<void>;

function postWith(port: number, token: string, api: ChildProcess): Post {
  return async (path, body, actorRole) => {
    if (api.exitCode !== null) throw new Error(`the api exited (code ${api.exitCode})`);
    const res = await fetch(`http://127.0.0.1:${port}/influencer/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(actorRole ? { 'x-actor-role': actorRole } : {}) },
      body: JSON.stringify(body),
    });
    if (res.status !== 200 && res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
}

/** Records an order for the subject's code and waits until the process manager's decision is stored. */
async function attributed(store: PostgresEventStore, post: Post, subject: Subject, orderId: string): Promise<void> {
  const occurredAt = new Date().toISOString();
  await post('order/record', {
    orderId, sourceRef: `scm-${orderId}`, channel: 'ecommerce', customerRef: `cust-${randomId().slice(0, 8)}`, occurredAt, currency: 'EUR',
    lines: [{ lineId: 'a', sku: 'SKU-A', quantity: 1, unitPrice: 5_000 }], codes: [subject.code],
  });
  const stream = streamName('order', ORG, orderId);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (last?.type === 'AttributionDecided') {
      if (!(last.data as { attributed?: boolean }).attributed) throw new Error(`order ${orderId} was not attributed: ${JSON.stringify(last.data)}`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`order ${orderId} not decided within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const MUST_CATCH_UP = [earningLedgerProjection.name, ORDER_EARNINGS_PM];

/** Every checkpoint (projections and the process manager) at or past the last stored event. */
async function caughtUp(handle: DbHandle<unknown>): Promise<void> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  for (;;) {
    const { rows } = await handle.pool.query<{ behind: string }>(`
      SELECT count(*)::text AS behind FROM projection_checkpoint c,
        (SELECT transaction_id, global_position FROM es_event ORDER BY transaction_id DESC, global_position DESC LIMIT 1) head
      WHERE c.commit_position IS NULL OR (c.commit_position::text::xid8, c.prepare_position::bigint) < (head.transaction_id, head.global_position)`);
    // The ledger's read model and the process manager at least: their rows appear once they have started.
    const { rows: names } = await handle.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM projection_checkpoint WHERE name = ANY ($1::text[])`, [MUST_CATCH_UP]);
    if (Number(names[0]!.n) === MUST_CATCH_UP.length && Number(rows[0]!.behind) === 0) return;
    if (Date.now() > deadline) throw new Error('the projections did not catch up with the load');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function waitUntilServing(post: Post): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ok = await post('campaign/get', { campaignId: LOADED.campaignId }).then(() => true, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the api did not start serving in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

