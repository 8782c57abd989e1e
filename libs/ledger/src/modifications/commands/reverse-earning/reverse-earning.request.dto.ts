import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ModificationReasonRequest } from '../shared/modification.request.dto';

/** `earning/reverse`: all that is left of the earning clawed back (reference kind `reversal`). */
export class ReverseEarningRequest extends ModificationReasonRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  earningId: string;

  @ApiPropertyOptional({ default: false, description: 'Also reverse the referral-level (2+) earnings of the same order; without it they stay' })
  @IsOptional()
  @IsBoolean()
  includeReferralLevels?: boolean;
}

export { ModifiedEarningAnswer } from '../shared/modification.request.dto';
