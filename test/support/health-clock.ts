import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FixedClock, LIMITS } from '@ledger/kernel';
import { HEALTH_CLOCK } from '../../libs/http/src/health/health.controller';

/**
 * /health shares one computation per LIMITS.http.healthCacheMs. A test that changes what /health reports
 * steps this clock past the window (`expire()`) instead of sleeping; the business clock (CLOCK) is untouched.
 */
export function healthClock(): { module: DynamicModule; clock: FixedClock; expire(): void } {
  const clock = new FixedClock(new Date('2026-12-02T00:00:00Z'));
  @Global()
  @Module({})
  class HealthClockModule {}
  return {
    module: { module: HealthClockModule, providers: [{ provide: HEALTH_CLOCK, useValue: clock }], exports: [HEALTH_CLOCK] },
    clock,
    expire: () => clock.advanceMs(LIMITS.http.healthCacheMs),
  };
}
