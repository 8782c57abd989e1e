import { Id } from '../../../shared/common.request.dto';

export class GetInboxItemRequest {
  @Id('Inbox item id')
  inboxItemId: string;
}
