import { Id, ReasonCode } from '../batch-requests';

/** `payout/batch/cancel`. */
export class CancelPayoutBatchRequest {
  @Id('The batch')
  batchId: string;

  @ReasonCode('Why, e.g. `wrong_period`')
  reasonCode: string;
}
