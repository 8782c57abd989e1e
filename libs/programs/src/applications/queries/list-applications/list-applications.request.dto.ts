import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@ledger/contracts';
import { OptionalId, PageRequest } from '../../../shared/common.request.dto';

export class ListApplicationsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, description: 'The queue: `applied`' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @OptionalId('Only the applications to this campaign')
  campaignId?: string;
}
