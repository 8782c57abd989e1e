import { earningLedgerProjection } from '@ledger/ledger';
import { ordersProjection } from '@ledger/orders';
import { programsProjections } from '@ledger/programs';
import { auditStreamProjection, ProjectionRegistry } from '@ledger/projections';
import { payoutsProjections } from '@ledger/payouts';

/**
 * Every projection of the system: the worker runs these, the CLI rebuilds and verifies them.
 * It lives with the composition root (apps), not in libs/projections, so that no library
 * imports the capabilities that import it: a capability registers its read model here.
 */
export const projectionRegistry = new ProjectionRegistry(() => [
  auditStreamProjection,
  ordersProjection,
  earningLedgerProjection,
  ...programsProjections,
  ...payoutsProjections,
]);
