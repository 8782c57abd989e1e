// Bounds on the public application form: per client address and per org from all addresses. It is
// a guard, so it runs before validation: a flood of malformed bodies costs its sender tokens too.
import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { TokenBuckets, type TokenBucketBounds } from '@ledger/http';
import { CLOCK, LIMITS, RateLimited, type Clock } from '@ledger/kernel';

export interface ApplicationSubmitRateBounds {
  perIp: TokenBucketBounds;
  perOrg: TokenBucketBounds;
}

/** Optional provider (tests): replaces the LIMITS bounds. */
export const APPLICATION_SUBMIT_RATE_BOUNDS = Symbol('APPLICATION_SUBMIT_RATE_BOUNDS');

export const DEFAULT_APPLICATION_SUBMIT_RATE_BOUNDS: ApplicationSubmitRateBounds = {
  perIp: { burst: LIMITS.applications.submitIpBurst, perMinute: LIMITS.applications.submitIpPerMinute, maxKeys: LIMITS.applications.submitRateBuckets },
  perOrg: { burst: LIMITS.applications.submitOrgBurst, perMinute: LIMITS.applications.submitOrgPerMinute, maxKeys: LIMITS.applications.submitRateBuckets },
};

// Keys come from the raw body before validation: cap them so a long org cannot bloat the maps.
const KEY_CHARS = 100;

@Injectable()
export class ApplicationSubmitRateGuard implements CanActivate {
  private readonly perIp: TokenBuckets;
  private readonly perOrg: TokenBuckets;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(APPLICATION_SUBMIT_RATE_BOUNDS) bounds?: ApplicationSubmitRateBounds,
  ) {
    this.perIp = new TokenBuckets((bounds ?? DEFAULT_APPLICATION_SUBMIT_RATE_BOUNDS).perIp);
    this.perOrg = new TokenBuckets((bounds ?? DEFAULT_APPLICATION_SUBMIT_RATE_BOUNDS).perOrg);
  }

  canActivate(execution: ExecutionContext): boolean {
    const req = execution.switchToHttp().getRequest<Request>();
    const nowMs = this.clock.now().getTime();
    const byIp = this.perIp.take((req.ip ?? req.socket.remoteAddress ?? 'unknown').slice(0, KEY_CHARS), nowMs);
    if (!byIp.ok) throw new RateLimited('APPLICATION.RATE_LIMITED', 'Too many applications from this address; retry later.', byIp.retryAfterSeconds);
    const org = (req.body as { org?: unknown } | undefined)?.org;
    const byOrg = this.perOrg.take(String(typeof org === 'string' ? org : '').slice(0, KEY_CHARS), nowMs);
    if (!byOrg.ok) throw new RateLimited('APPLICATION.RATE_LIMITED', 'Too many applications to this program right now; retry later.', byOrg.retryAfterSeconds);
    return true;
  }
}
