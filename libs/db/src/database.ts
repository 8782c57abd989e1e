import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import { LIMITS } from '@ledger/kernel';

// int8 (20) and numeric (1700) arrive as strings from pg. Money and counts are integers well
// inside Number.MAX_SAFE_INTEGER (LIMITS.domain.moneyMinorMax), so map them to number once here;
// positions and revisions that may exceed 2^53 are read as text and parsed to bigint explicitly.
types.setTypeParser(20, (v) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
});

export interface DbHandle<DB> {
  pool: Pool;
  db: Kysely<DB>;
  close(): Promise<void>;
}

/**
 * Connections kept open however idle the pool gets. A new connection costs PostgreSQL a backend
 * fork, and its first es_append call compiles the function and plans its statements: paid on a
 * checkout request when a burst finds the pool shrunk back (pg closes idle clients after 10 s by default).
 */
const POOL_MIN = 4;
const POOL_IDLE_TIMEOUT_MS = 60_000; // above POOL_MIN, an idle connection closes after this long

export function createPool(url: string, max = 20): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    min: Math.min(POOL_MIN, max),
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
    statement_timeout: LIMITS.eventStore.statementTimeoutMs,
    idle_in_transaction_session_timeout: LIMITS.eventStore.idleInTransactionTimeoutMs,
    connectionTimeoutMillis: 10_000,
  });
  // A broken idle connection must never crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

export function createDb<DB>(url: string, max = 20): DbHandle<DB> {
  const pool = createPool(url, max);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { pool, db, close: () => db.destroy() };
}
