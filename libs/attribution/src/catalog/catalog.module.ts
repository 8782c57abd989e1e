import { Global, Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, formatPosition, type EventStore, type Position } from '@ledger/event-store';
import { Logger } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';
import { PROGRAM_EVENTS_READER, type ProgramEventsReader } from '@ledger/programs';
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
    {
      // Program commands answer once their events are here, so checkout on this instance sees them at once.
      provide: PROGRAM_EVENTS_READER,
      inject: [PROGRAM_CATALOG, Logger],
      useFactory: (catalog: ProgramCatalog, logger: Logger): ProgramEventsReader => ({
        reach: async (position: Position) => {
          if (await catalog.waitFor(position, LIMITS.catalog.ownWriteWaitMs)) return;
          logger.warn('program catalog: a program command answers before its events reached the catalog; checkout may not see them yet', {
            position: formatPosition(position),
            waitedMs: LIMITS.catalog.ownWriteWaitMs,
          });
        },
      }),
    },
  ],
  exports: [PROGRAM_CATALOG, PROGRAM_EVENTS_READER],
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
