import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { Id, ReasonCode } from '../../../shared/common.request.dto';

/** `application/reject`: the reason is kept for the operators' reference. */
export class RejectApplicationRequest {
  @Id('Application id (404 when unknown in this org)')
  applicationId: string;

  @ReasonCode('Why, machine-readable, e.g. `audience_mismatch`')
  reasonCode: string;

  @ApiPropertyOptional({ maxLength: LIMITS.applications.noteChars })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.applications.noteChars)
  note?: string;
}
