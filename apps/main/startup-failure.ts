// The last line a failed start prints: what went wrong and what to do, for the human at the terminal
// (the JSON log line before it has the details and the stack).
import { EmbeddedPostgresError } from '@ledger/db';
import { XidRegression } from '@ledger/event-store';

const DB_UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

export function startupFailureLine(error: unknown): string {
  if (error instanceof EmbeddedPostgresError || error instanceof XidRegression) return `ledger could not start: ${error.message}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DB_UNREACHABLE.has(code)) {
    return `ledger could not start: the database does not answer (${code}): check DATABASE_URL and that PostgreSQL runs, or unset DATABASE_URL for the embedded one`;
  }
  if (code === '28P01' || code === '3D000') {
    return `ledger could not start: the database refused the connection (${code === '28P01' ? 'wrong password' : 'no such database'}): check DATABASE_URL`;
  }
  if (typeof code === 'string' && (code === 'EADDRINUSE' || code === 'EACCES') && /listen/.test(String((error as Error).message))) {
    return `ledger could not start: cannot listen (${code}): choose another PORT`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `ledger could not start: ${message.split('\n')[0]} — the log line above has the details (LOG_LEVEL=debug for more)`;
}
