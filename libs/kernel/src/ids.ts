import { v4 as uuidv4, v5 as uuidv5, validate } from 'uuid';

// Fixed namespace for every deterministic id of this system; never change it.
export const LEDGER_NAMESPACE = '6f1d3c4e-8b2a-5d7f-9e0c-1a2b3c4d5e6f';

/**
 * Deterministic id of a fact that comes from outside (ARCHITECTURE rule 3):
 * UUIDv5 of (org, source system, source reference, event type). The same fact delivered
 * twice gets the same id, and the event store turns the second append into a no-op.
 */
export function deterministicId(...parts: Array<string | number>): string {
  return uuidv5(parts.map((p) => String(p).replace(/\|/g, '||')).join('|'), LEDGER_NAMESPACE);
}

export function randomId(): string {
  return uuidv4();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}
