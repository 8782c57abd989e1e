import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OptionalId, PageRequest } from '../../../shared/common.request.dto';

export class ListFlagsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: ['open', 'released', 'reversed'] })
  @IsOptional()
  @IsIn(['open', 'released', 'reversed'])
  state?: 'open' | 'released' | 'reversed';

  @OptionalId('Only this influencer\'s flags')
  influencerId?: string;
}
