import { earningLedgerProjection } from '@ledger/ledger';
import { ordersProjection } from '@ledger/orders';
import { programsProjections } from '@ledger/programs';
import { fraudProjections } from '@ledger/fraud';
import { auditStreamProjection, ProjectionRegistry } from '@ledger/projections';
import { governanceProjections } from '@ledger/governance';
import { collaborationProjections } from '@ledger/collaboration';
import { statementsProjections } from '@ledger/statements';
import { disputesProjections } from '@ledger/disputes';
import { kpisProjections } from '@ledger/kpis';
import { payoutsProjections } from '@ledger/payouts';
import { earningEvidenceProjection } from '@ledger/ledger';

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
  ...governanceProjections,
  ...collaborationProjections,
  ...statementsProjections,
  ...disputesProjections,
  ...kpisProjections,
  ...fraudProjections,
  ...payoutsProjections,
  earningEvidenceProjection,
]);
