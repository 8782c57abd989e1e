import { LIMITS, type Clock } from '@ledger/kernel';
import type { HealthReport } from './health-report';

export type StampedReport = HealthReport & { computedAt: Date };

/**
 * /health is public, so its cost must not scale with its callers: at most one computation runs at a
 * time (concurrent callers share it), and its result is served to everyone for `maxAgeMs` after it
 * completed. The age is measured from completion, so a slow computation (a probe at its timeout) is
 * not stale the moment it arrives.
 */
export class HealthMonitor {
  private cached: StampedReport | null = null;
  private inFlight: Promise<StampedReport> | null = null;

  constructor(
    private readonly compute: () => Promise<HealthReport>,
    private readonly clock: Clock,
    private readonly maxAgeMs: number = LIMITS.http.healthCacheMs,
  ) {}

  current(): Promise<StampedReport> {
    if (this.cached && this.isFresh(this.cached.computedAt)) return Promise.resolve(this.cached);
    if (this.inFlight) return this.inFlight;
    const running = this.compute().then((report) => {
      const stamped: StampedReport = { ...report, computedAt: this.clock.now() };
      this.cached = stamped;
      return stamped;
    });
    this.inFlight = running;
    // Cleared whatever happens, or one failure would be served forever.
    const clear = () => {
      if (this.inFlight === running) this.inFlight = null;
    };
    running.then(clear, clear);
    return running;
  }

  private isFresh(at: Date): boolean {
    const age = this.clock.now().getTime() - at.getTime();
    // A clock set back (age < 0) must not pin an old result.
    return age >= 0 && age < this.maxAgeMs;
  }
}
