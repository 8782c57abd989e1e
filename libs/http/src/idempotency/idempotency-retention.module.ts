import { Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { LIMITS } from '@ledger/kernel';
import { Logger, DATABASE } from '@ledger/runtime';
import { IdempotencyStore } from './idempotency.store';

/** Worker side of Idempotency-Key: forgets keys older than the retention, batch by batch. */
@Injectable()
export class IdempotencyRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), LIMITS.http.idempotencyPurgeEveryMinutes * 60_000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs batches until one comes back short; never two runs at once. */
  purge(): Promise<void> {
    this.running ??= (async () => {
      try {
        let total = 0;
        for (;;) {
          const deleted = await this.store.purgeExpiredBatch();
          total += deleted;
          if (deleted < LIMITS.http.idempotencyPurgeBatchRows) break;
        }
        if (total > 0) this.log.info('idempotency keys purged', { rows: total });
      } catch (error) {
        this.log.warn('idempotency purge failed; next run retries', { err: error });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}

@Module({
  providers: [{ provide: IdempotencyStore, inject: [DATABASE], useFactory: (db: Kysely<any>) => new IdempotencyStore(db) }, IdempotencyRetention],
})
export class IdempotencyRetentionModule {}
