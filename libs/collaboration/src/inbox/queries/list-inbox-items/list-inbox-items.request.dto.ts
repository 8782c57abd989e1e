import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { INBOX_STATES, INBOX_STATUSES, type InboxState, type InboxStatus } from '@ledger/contracts';
import { PageRequest } from '../../../shared/common.request.dto';

export class ListInboxItemsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: INBOX_STATUSES })
  @IsOptional()
  @IsIn(INBOX_STATUSES)
  status?: InboxStatus;

  @ApiPropertyOptional({ enum: INBOX_STATES })
  @IsOptional()
  @IsIn(INBOX_STATES)
  state?: InboxState;
}
