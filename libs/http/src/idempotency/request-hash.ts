import { createHash } from 'node:crypto';

/**
 * What makes two requests "the same" for Idempotency-Key: method, path, actor and the body
 * in canonical JSON (keys sorted), so key order and whitespace do not matter.
 * The actor is in it so a key reused by a colleague is a mismatch, not someone else's answer.
 */
export function requestHash(method: string, path: string, actorId: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${actorId}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
