import { Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ReleaseDueScheduler } from './earnings/commands/release-due/release-due.scheduler';
import { ReleaseDueService } from './earnings/commands/release-due/release-due.service';

/**
 * The ledger's own background work: the release-due scheduler. It starts once every module is
 * initialised and stops before the runtime closes the store. (The order → earnings process
 * manager spans contexts: @ledger/flows wires it.)
 */
@Module({
  providers: [ReleaseDueService, ReleaseDueScheduler],
})
export class LedgerWorkerModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly scheduler: ReleaseDueScheduler) {}

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
  }
}
