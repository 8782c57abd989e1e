import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import type { RegisteredStatus } from '../../../domain';
import { OptionalId, PageRequest } from '../../../shared/common.request.dto';

export class ListInfluencersRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['active', 'suspended', 'terminated'] })
  @IsOptional()
  @IsIn(['active', 'suspended', 'terminated'])
  status?: RegisteredStatus;

  @ApiPropertyOptional({ maxLength: LIMITS.domain.nameChars })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.domain.nameChars)
  tier?: string;

  @OptionalId('Only the influencers this one referred')
  parentId?: string;
}
