import { LIMITS } from '@ledger/kernel';
import { InvalidRequest } from '../errors/edge-errors';

// The context headers of API.md, each validated once here. Header values land in event
// metadata and logs, so they are bounded and restricted to printable ASCII.

const PRINTABLE = /^[\x21-\x7e]+$/;
const PRINTABLE_WITH_SPACES = /^[\x20-\x7e]+$/;

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function parseActorRoleHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > LIMITS.http.actorRoleChars || !PRINTABLE.test(value)) {
    throw new InvalidRequest('HEADER_INVALID', 'X-Actor-Role is malformed.', [
      { field: 'header:X-Actor-Role', problem: `must be a role name of at most ${LIMITS.http.actorRoleChars} printable characters` },
    ]);
  }
  return value;
}

export function parseCostCentreHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > LIMITS.http.costCentreChars || !PRINTABLE_WITH_SPACES.test(value)) {
    throw new InvalidRequest('HEADER_INVALID', 'X-Cost-Centre is malformed.', [
      { field: 'header:X-Cost-Centre', problem: `must be at most ${LIMITS.http.costCentreChars} printable ASCII characters` },
    ]);
  }
  return value;
}

export function parseIdempotencyKeyHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > LIMITS.http.idempotencyKeyChars || !PRINTABLE.test(value)) {
    throw new InvalidRequest('HEADER_INVALID', 'Idempotency-Key is malformed.', [
      { field: 'header:Idempotency-Key', problem: `must be 1-${LIMITS.http.idempotencyKeyChars} printable ASCII characters without spaces` },
    ]);
  }
  return value;
}

const CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]+$/;

/** A caller's correlation id is kept when it is sane; otherwise we start a new one (never an error). */
export function acceptableCorrelationId(value: string | undefined): string | undefined {
  if (value === undefined || value.length > LIMITS.http.correlationIdChars || !CORRELATION_ID.test(value)) return undefined;
  return value;
}
