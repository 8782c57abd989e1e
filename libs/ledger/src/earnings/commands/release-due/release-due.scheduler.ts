// The worker's release-due run, every LIMITS.ledger.releaseDueEveryMs, as of the injected clock.
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from '@ledger/runtime';
import { CLOCK, LIMITS, randomId, type Clock } from '@ledger/kernel';
import { ReleaseDueService } from './release-due.service';

export const SCHEDULER_ACTOR = 'system:release-due';

@Injectable()
export class ReleaseDueScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly log: Logger;

  constructor(
    private readonly service: ReleaseDueService,
    @Inject(CLOCK) private readonly clock: Clock,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'release-due-scheduler' });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), LIMITS.ledger.releaseDueEveryMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress (each run is bounded). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run; overlapping ticks are skipped (a run in progress covers them). */
  tick(): Promise<void> {
    this.running ??= this.runOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async runOnce(): Promise<void> {
    const asOf = this.clock.now().toISOString();
    const correlationId = randomId();
    try {
      const outcome = await this.service.run({
        asOf,
        metadata: (org, event) => ({ org, actorId: SCHEDULER_ACTOR, correlationId, schemaVersion: 1, occurredAt: event.at }),
      });
      if (outcome.released > 0 || outcome.more) this.log.info('due holds released', { asOf, correlationId, released: outcome.released, influencers: outcome.influencers, more: outcome.more });
    } catch (error) {
      this.log.error('release-due run failed; the next run retries', { asOf, correlationId, err: error });
    }
  }
}
