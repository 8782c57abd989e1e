import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { INBOX_STATUSES, type InboxStatus } from '@ledger/contracts';
import { Id } from '../../../shared/common.request.dto';

export class ChangeInboxItemStatusRequest {
  @Id('Inbox item id')
  inboxItemId: string;

  @ApiProperty({ enum: INBOX_STATUSES })
  @IsIn(INBOX_STATUSES)
  status: InboxStatus;
}
