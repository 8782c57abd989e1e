import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CODE_KINDS, type CodeKind } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { Id } from '../../../shared/common.request.dto';

/** `application/approve`: the profile is created active and its code issued, valid at once. */
export class ApproveApplicationRequest {
  @Id('Application id (404 when unknown in this org)')
  applicationId: string;

  @ApiPropertyOptional({ description: 'The code to issue (letters, digits, _ and -; stored upper-case; 409 CODE.TAKEN when the org has it). Default: from the name and the application id', maxLength: LIMITS.domain.codeChars, example: 'ANNA10' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.domain.codeChars * 2)
  code?: string;

  @ApiPropertyOptional({ enum: CODE_KINDS, default: 'link', description: 'Kind of the issued code (default: a share link)' })
  @IsOptional()
  @IsIn(CODE_KINDS)
  kind?: CodeKind;
}
