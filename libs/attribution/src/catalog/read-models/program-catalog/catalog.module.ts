import { Global, Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Logger } from '@ledger/runtime';
import { PROGRAM_CATALOG, ProgramCatalog } from './program-catalog';

/**
 * The program catalog for every module of the process: `@Inject(PROGRAM_CATALOG) catalog: ProgramCatalog`.
 * Global and static, so listing it in both HTTP_CAPABILITIES and WORKER_CAPABILITIES still makes
 * one instance per process (Nest keys a static module by its class). Nest awaits onModuleInit
 * before the app listens: nothing is served before the catalog has loaded.
 */
@Global()
@Module({
  providers: [
    {
      provide: PROGRAM_CATALOG,
      inject: [EVENT_STORE, Logger],
      useFactory: (store: EventStore, logger: Logger) => new ProgramCatalog(store, logger.child({ component: 'program-catalog' })),
    },
  ],
  exports: [PROGRAM_CATALOG],
})
export class CatalogModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog) {}

  onModuleInit(): Promise<void> {
    return this.catalog.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.catalog.stop();
  }
}
