// Proves the Idempotency-Key request identity: canonical JSON ignores key order, and method, path, actor and body all count.
import { canonicalJson, requestHash } from './request-hash';

it('canonical JSON sorts keys at every depth and drops undefined', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
});

it('the hash changes with method, path, actor or body, not with key order', () => {
  const base = requestHash('POST', '/influencer/x', 'alice', { a: 1, b: 2 });
  expect(requestHash('POST', '/influencer/x', 'alice', { b: 2, a: 1 })).toBe(base);
  expect(requestHash('POST', '/influencer/y', 'alice', { a: 1, b: 2 })).not.toBe(base);
  expect(requestHash('POST', '/influencer/x', 'bob', { a: 1, b: 2 })).not.toBe(base);
  expect(requestHash('POST', '/influencer/x', 'alice', { a: 1, b: 3 })).not.toBe(base);
  expect(requestHash('PUT', '/influencer/x', 'alice', { a: 1, b: 2 })).not.toBe(base);
});
