import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { CatalogModule, PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { DATABASE, Logger } from '@ledger/runtime';
import { OrderEarningsLoop } from './order-earnings.loop';
import { OrderEarningsProcessor } from './order-earnings.processor';

/**
 * The order → attribution → earnings process manager (order facts → decisions, accruals,
 * clawbacks). Its wiring lives here because it reads the attribution context's program catalog
 * for the ledger context.
 * It starts once every module is initialised (the catalog has loaded) and stops before the
 * runtime closes the store.
 */
@Module({
  imports: [CatalogModule],
  providers: [
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
export class OrderEarningsWorkerModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(OrderEarningsLoop) private readonly loop: OrderEarningsLoop) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }
}
