// In-memory token buckets, one per key (client IP, share-link code), with a bounded number of keys.
import { assert } from '@ledger/kernel';

export interface TokenBucketBounds {
  /** Tokens a fresh bucket holds: the burst allowed at once. */
  burst: number;
  /** Tokens added back per minute, continuously. */
  perMinute: number;
  /** Keys kept; the least recently used one is forgotten beyond it. */
  maxKeys: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/** `ok`, or how many whole seconds until one token is back (for Retry-After). */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Per process, not shared between instances: each instance lets through its own burst, so a
 * deployment of N instances allows N times the bounds — good enough to stop a script, and it
 * costs no database round trip on a public path. A forgotten key comes back full: memory stays
 * bounded at the price of letting an evicted client burst again.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly bounds: TokenBucketBounds) {
    assert(bounds.burst >= 1 && bounds.perMinute > 0 && bounds.maxKeys >= 1, 'token bucket bounds must be positive');
    this.perMs = bounds.perMinute / 60_000;
  }

  take(key: string, nowMs: number): TakeResult {
    const found = this.buckets.get(key);
    // Re-inserted on every use: Map order is then least recently used first.
    if (found !== undefined) this.buckets.delete(key);
    else if (this.buckets.size >= this.bounds.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    const elapsedMs = found === undefined ? 0 : Math.max(0, nowMs - found.atMs);
    const tokens = found === undefined ? this.bounds.burst : Math.min(this.bounds.burst, found.tokens + elapsedMs * this.perMs);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, atMs: nowMs });
      return { ok: true };
    }
    this.buckets.set(key, { tokens, atMs: nowMs });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1_000)) };
  }

  get size(): number {
    return this.buckets.size;
  }
}
