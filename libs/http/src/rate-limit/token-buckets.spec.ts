// Proves the token buckets: a burst, then refusal with the seconds until the next token; refill over time; keys bounded (LRU).
import { TokenBuckets } from './token-buckets';

it('allows the burst, then refuses with Retry-After until a token is back', () => {
  const buckets = new TokenBuckets({ burst: 3, perMinute: 30, maxKeys: 10 });
  const t0 = 1_000_000;
  expect([1, 2, 3].map(() => buckets.take('ip', t0).ok)).toEqual([true, true, true]);
  expect(buckets.take('ip', t0)).toEqual({ ok: false, retryAfterSeconds: 2 });
  expect(buckets.take('other', t0).ok).toBe(true); // keys are independent
  expect(buckets.take('ip', t0 + 1_999).ok).toBe(false);
  expect(buckets.take('ip', t0 + 2_000).ok).toBe(true);
});

it('refills up to the burst only', () => {
  const buckets = new TokenBuckets({ burst: 2, perMinute: 60, maxKeys: 10 });
  buckets.take('k', 0);
  buckets.take('k', 0);
  expect(buckets.take('k', 3_600_000).ok).toBe(true);
  expect(buckets.take('k', 3_600_000).ok).toBe(true);
  expect(buckets.take('k', 3_600_000).ok).toBe(false);
});

it('keeps at most maxKeys buckets, forgetting the least recently used', () => {
  const buckets = new TokenBuckets({ burst: 1, perMinute: 1, maxKeys: 2 });
  buckets.take('a', 0);
  buckets.take('b', 0);
  expect(buckets.take('a', 0).ok).toBe(false); // a is now the most recently used
  buckets.take('c', 0); // forgets b
  expect(buckets.size).toBe(2);
  expect(buckets.take('b', 0).ok).toBe(true); // b came back full; a was forgotten in its place
  expect(buckets.size).toBe(2);
});
