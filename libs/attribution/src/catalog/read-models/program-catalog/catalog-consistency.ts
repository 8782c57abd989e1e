import { Inject, Injectable } from '@nestjs/common';
import { consistencyPositionOf } from '@ledger/http';
import { LIMITS, Unavailable } from '@ledger/kernel';
import { PROGRAM_CATALOG, ProgramCatalog } from './program-catalog';

/**
 * Read-your-writes for endpoints that answer from the catalog: with X-Consistency-Position
 * (e.g. the position of a code/create answer) wait, bounded, until the catalog has applied it.
 * It never waits on the read models, so projection lag cannot slow checkout.
 */
@Injectable()
export class CatalogConsistency {
  constructor(@Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog) {}

  async reach(header: string | undefined): Promise<void> {
    if (header === undefined) return;
    const position = consistencyPositionOf(header);
    if (await this.catalog.waitFor(position, LIMITS.http.consistencyWaitMs)) return;
    throw new Unavailable('CONSISTENCY_TIMEOUT', `The program catalog has not reached position ${header} within ${LIMITS.http.consistencyWaitMs} ms; retry shortly.`, 1);
  }
}
