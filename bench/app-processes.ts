import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// The production topology for benchmarks: the build's `apps/api` and `apps/worker` as processes of
// their own, apart from the load generator's event loop.

/** Extra node flags for the app processes, e.g. BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'. */
const EXTRA_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
const LOG_DIR = process.env.BENCH_APP_LOG_DIR;
const STOP_GRACE_MS = 15_000;

export interface AppSettings {
  databaseUrl: string;
  /** 0 for the worker (it serves only /health on no port here). */
  port: number;
  jwtSecret: string;
}

export function startApp(role: 'api' | 'worker', settings: AppSettings): ChildProcess {
  const main = join(__dirname, '..', 'apps', role, 'main.js');
  // Logs go to /dev/null (the app still formats and writes its request log lines, as in production),
  // or to <BENCH_APP_LOG_DIR>/<role>-<pid>.log to look into a run.
  const app = spawn(process.execPath, [...EXTRA_NODE_ARGS, main], {
    env: { ...process.env, DATABASE_URL: settings.databaseUrl, PORT: String(settings.port), AUTH_JWT_SECRET: settings.jwtSecret, LOG_LEVEL: 'info' },
    stdio: ['ignore', LOG_DIR ? 'pipe' : 'ignore', 'inherit'],
  });
  if (LOG_DIR) app.stdout?.pipe(createWriteStream(join(LOG_DIR, `${role}-${app.pid}.log`)));
  return app;
}

export async function stopApp(app: ChildProcess | null): Promise<void> {
  if (!app || app.exitCode !== null) return;
  const exited = once(app, 'exit');
  app.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  if (app.exitCode === null) app.kill('SIGKILL');
}

/** CPU time (user + system) a process has used, from /proc (Linux; NaN elsewhere). Clock ticks are 10 ms on Linux. */
export function cpuMs(app: ChildProcess | null): number {
  try {
    const fields = readFileSync(`/proc/${app?.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
