import { WrongExpectedVersion } from '@ledger/event-store';
import { DomainError } from '@ledger/kernel';

// Transient: the same work would succeed later without anyone changing anything (the database
// is restarting, a lock or a snapshot got in the way). Those are retried with backoff, never
// parked: parking them would fill parked_event with healthy events during every failover.
// Everything else is about the event (or a bug it triggers) and is parked.

/** SQLSTATEs: serialization failure, deadlock, lock not available (lock_timeout), statement timeout, shutdowns, "cannot connect now". */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '57P01', '57P02', '57P03']);
/** SQLSTATE classes: 08 connection exception, 53 insufficient resources (out of connections, disk full). */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53'];
/** Node socket errors. */
const TRANSIENT_SYSTEM_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** pg's client-side messages when the connection went away (they carry no code). */
const CONNECTION_LOST = /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i;

export function isTransientError(error: unknown): boolean {
  if (error instanceof WrongExpectedVersion) return true; // another writer moved the stream: reload and go again
  if (error instanceof DomainError) return error.kind === 'unavailable';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SYSTEM_CODES.has(code)) return true;
    if (code.length === 5 && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  return CONNECTION_LOST.test(error.message);
}
