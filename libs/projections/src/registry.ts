import { earningLedgerProjection } from '@ledger/ledger';
import { ordersProjection } from '@ledger/orders';
import { programsProjections } from '@ledger/programs';
import { auditStreamProjection } from './audit-stream/audit-stream.projection';
import { ProjectionRegistry } from './projection-registry';

/**
 * Every projection of the system: the worker runs these, the CLI rebuilds and verifies them.
 * A capability registers its projection by adding it to the list below (one import, one entry).
 * The list is a function, read on first use: capability libraries import '@ledger/projections'
 * back, and whichever loads first, every entry is defined by the time anyone asks.
 * (index.ts exports this file last for the same reason.)
 */
export const projectionRegistry = new ProjectionRegistry(() => [
  auditStreamProjection,
  ordersProjection,
  earningLedgerProjection,
  ...programsProjections,
]);
