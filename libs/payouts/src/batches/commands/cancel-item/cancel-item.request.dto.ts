import { Id, ReasonCode } from '../batch-requests';

/** `payout/item/cancel`: a failed item (or a bank item never confirmed) gives its earnings back (payable). */
export class CancelPayoutItemRequest {
  @Id('The batch')
  batchId: string;

  @Id('The item (`itemId` in the batch)')
  itemId: string;

  @ReasonCode('Why, e.g. `account_closed`')
  reasonCode: string;
}
