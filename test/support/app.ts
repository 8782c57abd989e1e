/**
 * Boots the whole product for an end-to-end test file: a fresh PostgreSQL database (dropped on
 * close), migrations, the real PostgresEventStore, the projection runner, every capability of
 * apps/main/capabilities.ts and the HTTP edge — exactly what `npm start` runs, minus listen().
 *
 *   let t: TestApp;
 *   beforeAll(async () => { t = await startTestApp(); });
 *   afterAll(() => t.close());
 *
 *   it('creates a campaign', async () => {
 *     const res = await request(t.server)
 *       .post('/influencer/campaign/create')
 *       .set(await t.auth({ org: 'acme', roles: ['inf_campaign_manager'] }))
 *       .send({ ... })
 *       .expect(201);
 *     await request(t.server).post('/influencer/campaign/get')
 *       .set(await t.auth({ org: 'acme' }))
 *       .set('X-Consistency-Position', res.body.position)   // read your write
 *       .send({ id: res.body.id }).expect(200);
 *   });
 *
 * Options: `modules` adds Nest modules (test-only controllers; a @Global() module providing
 * a port no capability provides yet), `clock` injects a FixedClock as CLOCK,
 * `runProjections: false` leaves the read models idle, `captureLogs` collects the JSON log lines.
 * Tokens: `tokenFor(claims)` signs HS256 with the app's secret; defaults sub=test-actor,
 * org=test-org, every inf_* role, 1 h expiry. Override any claim (e.g. `roles: []`, `exp`).
 */
import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Kysely } from 'kysely';
import { loadConfig, type LogLevel } from '@ledger/config';
import { INF_ROLES } from '@ledger/contracts';
import { createTestDatabase, type TestDatabase } from '@ledger/db';
import { parsePosition, type EventStore } from '@ledger/event-store';
import type { Clock } from '@ledger/kernel';
import { createHttpApp, issueHs256Token, type TokenClaims } from '@ledger/http';
import { Logger, type LedgerRuntime } from '@ledger/runtime';
import { LedgerAppModule } from '../../apps/main/app.module';
import { startRuntime } from '../../apps/main/runtime';

export interface TestAppOptions {
  /** Extra Nest modules: test controllers, or @Global() modules that provide a port no capability provides. */
  modules?: Array<Type | DynamicModule>;
  /** Provided as CLOCK to every module (default: the system clock). */
  clock?: Clock;
  /** Run the projection runner and the worker capabilities in-process (default true). */
  runProjections?: boolean;
  /** Collect log lines in `logs()` (at level info unless logLevel says otherwise). */
  captureLogs?: boolean;
  /** Default: $TEST_LOG_LEVEL, else silent (or info when capturing). */
  logLevel?: LogLevel;
  /** Extra environment for loadConfig (e.g. AUTH_JWT_AUDIENCE, SHARE_LINK_SECRET). */
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestExpressApplication;
  /** Pass to supertest: `request(t.server)`. */
  server: Server;
  /** The fresh database of this app (connect with pg/kysely to assert on read models). */
  dbUrl: string;
  db: Kysely<any>;
  eventStore: EventStore;
  runtime: LedgerRuntime;
  /** HS256 secret the app verifies tokens with. */
  secret: string;
  tokenFor(claims?: Partial<TokenClaims>): Promise<string>;
  /** `{ Authorization: 'Bearer …' }` for `.set(...)`. */
  auth(claims?: Partial<TokenClaims>): Promise<Record<string, string>>;
  /** Waits (bounded) until every projection has applied `position` (a command answer's `position`). */
  waitForProjections(position: string, timeoutMs?: number): Promise<void>;
  /** Captured JSON log lines (with captureLogs). */
  logs(): Array<Record<string, unknown>>;
  /** Stops the app, the projections, the pool, and drops the database. */
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-for-e2e-only-0123456789abcdef';

export const DEFAULT_TEST_CLAIMS: TokenClaims = { sub: 'test-actor', org: 'test-org', roles: [...INF_ROLES] };

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase('ledger_e2e');
  const lines: Array<Record<string, unknown>> = [];
  const level = options.logLevel ?? (process.env.TEST_LOG_LEVEL as LogLevel | undefined) ?? (options.captureLogs ? 'info' : 'silent');
  const destination = options.captureLogs
    ? new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      })
    : undefined;
  const logger = Logger.create({ level, name: 'ledger-test', ...(destination ? { destination } : {}) });
  const config = loadConfig({ DATABASE_URL: database.url, AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: level, PORT: '0', ...options.env });
  const runProjections = options.runProjections ?? true;

  let started: Awaited<ReturnType<typeof startRuntime>> | null = null;
  let app: NestExpressApplication | null = null;
  try {
    started = await startRuntime(config, { runProjections, logger, ...(options.clock ? { clock: options.clock } : {}) });
    const { runtime } = started;
    app = await createHttpApp(LedgerAppModule.forRoot(runtime, { http: true, worker: runProjections }, options.modules ?? []), runtime);
    await started.startBackground();
    // Like a readiness probe: the runner takes its projections' locks on its first poll, and
    // /health says not_ready until it has. Tests start from a ready app.
    if (runProjections) await untilProjectionsRun(started.runtime);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await started?.stop().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }

  const runtime = started.runtime;
  const stopRuntime = started.stop;
  const nestApp = app;
  const tokenFor = (claims: Partial<TokenClaims> = {}) => issueHs256Token(TEST_JWT_SECRET, { ...DEFAULT_TEST_CLAIMS, exp: Math.floor(Date.now() / 1000) + 3600, ...claims });
  let closed = false;
  return {
    app: nestApp,
    server: nestApp.getHttpServer() as Server,
    dbUrl: database.url,
    db: runtime.db,
    eventStore: runtime.eventStore,
    runtime,
    secret: TEST_JWT_SECRET,
    tokenFor,
    auth: async (claims) => ({ Authorization: `Bearer ${await tokenFor(claims)}` }),
    waitForProjections: async (position, timeoutMs = 10_000) => {
      const parsed = parsePosition(position);
      if (!parsed) throw new Error(`not a position: ${position}`);
      if (!(await runtime.progress.waitFor(parsed, timeoutMs))) throw new Error(`projections did not reach ${position} within ${timeoutMs} ms`);
    },
    logs: () => lines,
    close: async () => {
      if (closed) return;
      closed = true;
      await nestApp.close();
      await stopRuntime();
      await database.drop();
    },
  };
}

const READY_TIMEOUT_MS = 10_000;
const READY_POLL_MS = 10;

async function untilProjectionsRun(runtime: LedgerRuntime): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const statuses = await runtime.progress.status();
    if (statuses.every((s) => s.kind === 'process_manager' || s.running)) return;
    if (Date.now() > deadline) throw new Error(`projections not running ${READY_TIMEOUT_MS} ms after start: ${statuses.filter((s) => !s.running).map((s) => s.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
}
