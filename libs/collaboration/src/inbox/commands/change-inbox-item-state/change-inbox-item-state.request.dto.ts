import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { INBOX_STATES, type InboxState } from '@ledger/contracts';
import { Id } from '../../../shared/common.request.dto';

export class ChangeInboxItemStateRequest {
  @Id('Inbox item id')
  inboxItemId: string;

  @ApiProperty({ enum: INBOX_STATES })
  @IsIn(INBOX_STATES)
  state: InboxState;
}
