import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { CampaignStatus } from '@ledger/contracts';
import { PageRequest } from '../../../shared/common.request.dto';

export class ListCampaignsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['draft', 'active', 'paused', 'closed'] })
  @IsOptional()
  @IsIn(['draft', 'active', 'paused', 'closed'])
  status?: CampaignStatus;
}
