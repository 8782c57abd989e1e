import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { CatalogModule, PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { DATABASE, Logger } from '@ledger/runtime';
import { fraudLedgerReads } from './fraud-ledger-reads';
import { OrderFraudLoop } from './order-fraud.loop';
import { OrderFraudProcessor } from './order-fraud.processor';

/**
 * The fraud process manager: attributed orders → checks and flags (fraud context), flags and reviews →
 * holds, releases and clawbacks (ledger context). It spans contexts, so it lives in flows. It starts once
 * every module is initialised (the catalog has loaded) and stops before the runtime closes the store.
 */
@Module({
  imports: [CatalogModule],
  providers: [
    {
      provide: OrderFraudLoop,
      inject: [DATABASE, EVENT_STORE, PROGRAM_CATALOG, Logger],
      useFactory: (db: Kysely<any>, store: EventStore, catalog: ProgramCatalog, logger: Logger) =>
        new OrderFraudLoop({ db, store, processor: new OrderFraudProcessor(store, catalog, fraudLedgerReads(db)), logger: logger.child({ component: 'order-fraud' }) }),
    },
  ],
})
export class OrderFraudWorkerModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(OrderFraudLoop) private readonly loop: OrderFraudLoop) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }
}
