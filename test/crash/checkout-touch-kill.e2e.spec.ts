// Proves checkout's durability contract (ADR 0016) on the real `apps/api` process and PostgreSQL: SIGKILLed during a
// checkout burst it loses exactly the touches /metrics reported unflushed the moment before, never more than one flush
// window (a batch); SIGTERMed it flushes every touch it answered for before exiting. The flush window is
// set long (TOUCH_FLUSH_WINDOW_MS) so the unflushed count at the kill is known; batches still go when full.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { appendProgramEvents, programRules, ProgramEvents } from '@ledger/attribution';
import { createDb, createTestDatabase, migrateToLatest, type DbHandle, type TestDatabase } from '@ledger/db';
import { PostgresEventStore, streamName } from '@ledger/event-store';
import { issueHs256Token } from '@ledger/http';

const ORG = 'kill-org';
const SECRET = 'kill-test-secret-0123456789abcdef-0123';
const BATCH = 50;
const ROOT = join(__dirname, '..', '..');

let database: TestDatabase;
let handle: DbHandle<unknown>;
let store: PostgresEventStore;

beforeAll(async () => {
  database = await createTestDatabase('checkout_kill');
  handle = createDb<unknown>(database.url, 2);
  await migrateToLatest(handle.db as never);
  store = new PostgresEventStore(handle.pool);
  const p = new ProgramEvents(ORG);
  const at = new Date(Date.now() - 86_400_000).toISOString();
  await appendProgramEvents(store, [
    p.campaignCreated('c1', programRules(), at),
    p.campaignActivated('c1', at),
    p.influencerRegistered('i1', at),
    p.codeIssued({ code: 'KILL10', campaignId: 'c1', influencerId: 'i1', discount: { type: 'percent', rateBps: 1_000 }, issuedAt: at }),
  ]);
});

afterAll(async () => {
  await handle.close();
  await database.drop();
});

interface Api {
  child: ChildProcess;
  port: number;
  output: string[];
}

async function startApi(env: Record<string, string>): Promise<Api> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', join(ROOT, 'libs/projections/src/testing/register-ts.js'), join(ROOT, 'apps/api/main.ts')], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), AUTH_JWT_SECRET: SECRET, SHARE_LINK_SECRET: SECRET, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const api = { child, port, output };
  // Ready when its catalog has the code: probed through touch/record, which appends durably and never touches the emitter.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the api exited during start-up: ${output.join('')}`);
    const probe = await post(api, 'touch/record', { code: 'KILL10', kind: 'click', channel: 'ecommerce', customerRef: 'probe', occurredAt: new Date().toISOString() }).catch(() => null);
    if (probe?.status === 200 && (probe.body as { recorded?: boolean }).recorded === true) return api;
    if (Date.now() > deadline) throw new Error(`the api did not start serving: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function post(api: Api, path: string, body: object): Promise<{ status: number; body: unknown }> {
  const token = await issueHs256Token(SECRET, { sub: 'till', org: ORG, roles: [] });
  const res = await fetch(`http://127.0.0.1:${api.port}/influencer/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** A burst of concurrent checkouts, each a new customer; the touch ids of those answered valid. */
async function checkoutBurst(api: Api, tag: string, n: number): Promise<string[]> {
  const answers = await Promise.allSettled(Array.from({ length: n }, (_, i) => post(api, 'code/apply', { code: 'kill10', channel: 'ecommerce', customerRef: `${tag}-${i}` })));
  return answers.flatMap((a) => (a.status === 'fulfilled' && a.value.status === 200 && (a.value.body as { valid?: boolean }).valid ? [(a.value.body as { touchId: string }).touchId] : []));
}

async function scrape(api: Api, metric: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${api.port}/metrics`)).text();
  const line = new RegExp(`^${metric} (\\d+)$`, 'm').exec(text);
  if (line === null) throw new Error(`${metric} not in /metrics`);
  return Number(line[1]);
}

async function storedTouchIds(tag: string, n: number): Promise<string[]> {
  const streams = await store.readStreams(Array.from({ length: n }, (_, i) => streamName('customer', ORG, `${tag}-${i}`)));
  return [...streams.values()].flat().map((e) => e.id);
}

it('SIGKILL during a checkout burst loses exactly the touches /metrics said were unflushed, at most one batch', async () => {
  const api = await startApi({ TOUCH_FLUSH_WINDOW_MS: '600000', TOUCH_FLUSH_MAX_BATCH: String(BATCH) });
  try {
    // A full batch goes at once: durable before the kill.
    const flushedIds = await checkoutBurst(api, 'a', BATCH);
    expect(flushedIds).toHaveLength(BATCH);
    const deadline = Date.now() + 30_000;
    while ((await scrape(api, 'ledger_checkout_touches_unflushed')) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await scrape(api, 'ledger_checkout_touches_flushed_total')).toBe(BATCH);

    // Answered, not yet durable.
    const pendingIds = await checkoutBurst(api, 'b', 30);
    expect(pendingIds).toHaveLength(30);
    const unflushed = await scrape(api, 'ledger_checkout_touches_unflushed');
    api.child.kill('SIGKILL');
    await once(api.child, 'exit');
    expect(api.child.signalCode).toBe('SIGKILL');

    const stored = new Set([...(await storedTouchIds('a', BATCH)), ...(await storedTouchIds('b', 30))]);
    const answered = [...flushedIds, ...pendingIds];
    const lost = answered.filter((id) => !stored.has(id));
    expect(unflushed).toBe(30);
    expect(lost).toHaveLength(unflushed);
    expect(lost.length).toBeLessThanOrEqual(BATCH);
    expect(flushedIds.every((id) => stored.has(id))).toBe(true);
    expect(stored.size).toBe(answered.length - lost.length); // nothing stored twice, nothing unanswered
  } finally {
    if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill('SIGKILL');
  }
});

it('SIGTERM flushes every touch the api answered for before it exits (graceful shutdown)', async () => {
  const api = await startApi({ TOUCH_FLUSH_WINDOW_MS: '600000', TOUCH_FLUSH_MAX_BATCH: String(BATCH) });
  const answeredIds = await checkoutBurst(api, 'term', 30);
  expect(answeredIds).toHaveLength(30);
  expect(await scrape(api, 'ledger_checkout_touches_unflushed')).toBe(30);
  expect(await storedTouchIds('term', 30)).toEqual([]);
  api.child.kill('SIGTERM');
  await once(api.child, 'exit');
  expect({ exitCode: api.child.exitCode, output: api.output.join('') }).toMatchObject({ exitCode: 0 });
  expect((await storedTouchIds('term', 30)).sort()).toEqual([...answeredIds].sort());
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
