import { Global, Module } from '@nestjs/common';
import { PROGRAM_CATALOG, type ProgramCatalog } from '@ledger/attribution';
import { formatPosition, type Position } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { PROGRAM_EVENTS_READER, type ProgramEventsReader } from '@ledger/programs';
import { Logger } from '@ledger/runtime';

/**
 * Program commands answer once their events are in this process's program catalog, so checkout
 * on this instance sees them at once (code/create, then code/apply). The port is the programs
 * context's and the catalog the attribution context's; contexts are peers, so the binding lives
 * in the flows wing. Global: programs' OwnProgramWrites injects the port from its own module.
 */
@Global()
@Module({
  providers: [
    {
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
  exports: [PROGRAM_EVENTS_READER],
})
export class ProgramWritesSeenModule {}
