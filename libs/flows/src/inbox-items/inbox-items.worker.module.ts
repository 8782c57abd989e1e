import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { DATABASE, Logger } from '@ledger/runtime';
import { InboxItemsLoop } from './inbox-items.loop';
import { InboxItemsProcessor } from './inbox-items.processor';

/**
 * Holds, fraud flags, disputes and payout batches → inbox items for the roles that must act. It
 * lives in flows because it reads the ledger's, fraud's, disputes' and payouts' facts and appends
 * through the collaboration context's decider.
 */
@Module({
  providers: [
    {
      provide: InboxItemsLoop,
      inject: [DATABASE, EVENT_STORE, Logger],
      useFactory: (db: Kysely<any>, store: EventStore, logger: Logger) =>
        new InboxItemsLoop({ db, store, processor: new InboxItemsProcessor(store), logger: logger.child({ component: 'inbox-items' }) }),
    },
  ],
})
export class InboxItemsWorkerModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(InboxItemsLoop) private readonly loop: InboxItemsLoop) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }
}
