import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { CatalogModule, PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { DATABASE, Logger } from '@ledger/runtime';
import { ReleaseDueScheduler } from './commands/release-due/release-due.scheduler';
import { ReleaseDueService } from './commands/release-due/release-due.service';
import { OrderEarningsLoop } from './process-manager/order-earnings.loop';
import { OrderEarningsProcessor } from './process-manager/order-earnings.processor';

/**
 * The ledger's background work: the attribution & earnings process manager (order facts →
 * decisions, accruals, clawbacks) and the release-due scheduler. Both start once every module
 * is initialised (the catalog has loaded) and stop before the runtime closes the store.
 */
@Module({
  imports: [CatalogModule],
  providers: [
    ReleaseDueService,
    ReleaseDueScheduler,
    {
      provide: OrderEarningsLoop,
      inject: [DATABASE, EVENT_STORE, PROGRAM_CATALOG, Logger],
      useFactory: (db: Kysely<any>, store: EventStore, catalog: ProgramCatalog, logger: Logger) => {
        const log = logger.child({ component: 'order-earnings' });
        return new OrderEarningsLoop({ db, store, processor: new OrderEarningsProcessor(store, catalog, log), logger: log });
      },
    },
  ],
})
export class LedgerWorkerModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(OrderEarningsLoop) private readonly loop: OrderEarningsLoop,
    private readonly scheduler: ReleaseDueScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
    this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
    await this.loop.stop();
  }
}
