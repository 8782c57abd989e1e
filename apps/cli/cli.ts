import pino from 'pino';
import { createDb } from '@ledger/db';
import { PostgresEventStore } from '@ledger/event-store';
import { type ProjectionLogger, type ProjectionRegistry } from '@ledger/projections';
import { projectionRegistry } from '../main/projections';
import type { CliIo } from './cli-io';
import { HISTORY_USAGE, runHistoryCommand } from './history-command';
import { PARKED_USAGE, runParkedCommand } from './parked-command';
import { runProjectionsCommand, type Connection } from './projections-command';
import { runTokenCommand, TOKEN_USAGE } from './token-command';

// The operator's and auditor's command line. Results are JSON lines on stdout (one per
// projection, or per parked event); logs are JSON lines on stderr. Exit codes: 0 done, 1 verify
// found a difference, 2 usage or configuration error, 3 the operation failed.

export const USAGE = `usage: npm run cli -- projections status
       npm run cli -- projections rebuild <name|all>
       npm run cli -- projections verify <name|all>
       npm run cli -- ${PARKED_USAGE.replace(/^usage: /, '').replace(/\n {7}/g, '\n       npm run cli -- ')}
       npm run cli -- ${HISTORY_USAGE.replace(/^usage: /, '')}
       ${TOKEN_USAGE}
environment: DATABASE_URL (required), EVENT_STORE=postgres (default; the only one this build supports), LOG_LEVEL`;

export interface CliOptions {
  registry?: ProjectionRegistry;
  logger?: ProjectionLogger;
}

export async function runCli(args: readonly string[], env: Record<string, string | undefined>, io: CliIo, options: CliOptions = {}): Promise<number> {
  const [group, ...rest] = args;
  if (group === 'token') return runTokenCommand(rest, env, io);
  if (group !== 'projections' && group !== 'parked' && group !== 'history') return usage(io, group === undefined ? null : `unknown command ${JSON.stringify(group)}`);
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl) return usage(io, 'DATABASE_URL is required');
  if ((env.EVENT_STORE ?? 'postgres') !== 'postgres') return usage(io, `EVENT_STORE=${env.EVENT_STORE} is not supported by this build`);

  const logger = options.logger ?? pino({ name: 'cli', level: env.LOG_LEVEL ?? 'info' }, pino.destination(2));
  const { pool, db } = createDb<any>(databaseUrl, 4);
  const eventStore = new PostgresEventStore(pool);
  const connection: Connection = { db, pool, eventStore, logger };
  try {
    if (group === 'parked') return await runParkedCommand(rest, db, env, io);
    if (group === 'history') return await runHistoryCommand(rest, db, eventStore, io);
    return await runProjectionsCommand(rest, connection, options.registry ?? projectionRegistry, io);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.err(`error${typeof code === 'string' ? ` ${code}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
    return code === 'PROJECTIONS.UNKNOWN' ? 2 : 3;
  } finally {
    await eventStore.close();
    await db.destroy();
  }
}

function usage(io: CliIo, problem: string | null): number {
  if (problem) io.err(problem);
  io.err(USAGE);
  return 2;
}
