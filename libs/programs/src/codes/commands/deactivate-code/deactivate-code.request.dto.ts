import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { OptionalId, OptionalReasonCode } from '../../../shared/common.request.dto';

/** `code/deactivate`: by `code` (any spelling) or by `codeId` — exactly one of them. */
export class DeactivateCodeRequest {
  @ApiPropertyOptional({ example: 'ANNA10', maxLength: LIMITS.domain.codeChars })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.domain.codeChars * 2)
  code?: string;

  @OptionalId('Code id (the `id` of code/create); send X-Consistency-Position of that answer if it is fresh')
  codeId?: string;

  @OptionalReasonCode()
  reasonCode?: string;
}
