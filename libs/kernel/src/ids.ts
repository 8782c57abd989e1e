import { createHash } from 'node:crypto';
import { v4 as uuidv4, validate } from 'uuid';

// Fixed namespace for every deterministic id of this system; never change it.
export const LEDGER_NAMESPACE = '6f1d3c4e-8b2a-5d7f-9e0c-1a2b3c4d5e6f';

/**
 * Deterministic id of a fact that comes from outside (ARCHITECTURE rule 3):
 * UUIDv5 of (org, source system, source reference, event type). The same fact delivered
 * twice gets the same id, and the event store turns the second append into a no-op.
 */
export function deterministicId(...parts: Array<string | number>): string {
  return uuidV5(parts.map((p) => String(p).replace(/\|/g, '||')).join('|'));
}

const NAMESPACE_BYTES = Buffer.from(LEDGER_NAMESPACE.replace(/-/g, ''), 'hex');

/**
 * RFC 9562 UUIDv5 of `name` in LEDGER_NAMESPACE: SHA-1 of namespace bytes + UTF-8 name, version and
 * variant bits set. Identical to uuid's v5 (ids.spec.ts checks), several times faster: node:crypto
 * hashes and encodes the string natively, where uuid encodes UTF-8 and hashes in JavaScript.
 */
function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function randomId(): string {
  return uuidv4();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}
