// Bounds on share-link visits: the route is public, so this is what stands between a script and
// the customer streams (each click is an append, and only the newest touches of a customer are kept).
import { Inject, Injectable, Optional } from '@nestjs/common';
import { TokenBuckets, type TokenBucketBounds } from '@ledger/http';
import { CLOCK, LIMITS, RateLimited, type Clock } from '@ledger/kernel';

export interface ShareLinkRateBounds {
  perIp: TokenBucketBounds;
  perCode: TokenBucketBounds;
}

/** Optional provider (tests): replaces the LIMITS bounds. */
export const SHARE_LINK_RATE_BOUNDS = Symbol('SHARE_LINK_RATE_BOUNDS');

export const DEFAULT_SHARE_LINK_RATE_BOUNDS: ShareLinkRateBounds = {
  perIp: { burst: LIMITS.checkout.shareLinkIpBurstVisits, perMinute: LIMITS.checkout.shareLinkIpVisitsPerMinute, maxKeys: LIMITS.checkout.shareLinkRateBuckets },
  perCode: { burst: LIMITS.checkout.shareLinkCodeBurstVisits, perMinute: LIMITS.checkout.shareLinkCodeVisitsPerMinute, maxKeys: LIMITS.checkout.shareLinkRateBuckets },
};

// Keys are built from the raw request before validation: cap them so a long path cannot bloat the maps.
const KEY_CHARS = 200;

@Injectable()
export class ShareLinkRateLimiter {
  private readonly perIp: TokenBuckets;
  private readonly perCode: TokenBuckets;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(SHARE_LINK_RATE_BOUNDS) bounds?: ShareLinkRateBounds,
  ) {
    this.perIp = new TokenBuckets((bounds ?? DEFAULT_SHARE_LINK_RATE_BOUNDS).perIp);
    this.perCode = new TokenBuckets((bounds ?? DEFAULT_SHARE_LINK_RATE_BOUNDS).perCode);
  }

  /** Throws 429 SHARE_LINK_RATE_LIMITED (with Retry-After) when the client or the code is over its bound. */
  admit(ip: string, org: unknown, code: string): void {
    const nowMs = this.clock.now().getTime();
    const byIp = this.perIp.take(ip.slice(0, KEY_CHARS), nowMs);
    if (!byIp.ok) throw new RateLimited('SHARE_LINK_RATE_LIMITED', 'Too many share-link visits from this address; retry later.', byIp.retryAfterSeconds);
    const byCode = this.perCode.take(`${String(org).slice(0, KEY_CHARS)}\u0000${code.slice(0, KEY_CHARS).toUpperCase()}`, nowMs);
    if (!byCode.ok) throw new RateLimited('SHARE_LINK_RATE_LIMITED', 'Too many visits of this share link; retry later.', byCode.retryAfterSeconds);
  }
}
