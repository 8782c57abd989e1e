import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { OptionalId, PageRequest } from '../../../shared/common.request.dto';

export class ListCodesRequest extends PageRequest {
  @OptionalId('Only this campaign\'s codes')
  campaignId?: string;

  @OptionalId('Only this influencer\'s codes')
  influencerId?: string;

  @ApiPropertyOptional({ description: 'true: not deactivated; false: deactivated' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
