import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

/** `audit/verify`: one projection by name, or every one. */
export class VerifyReadModelsRequest {
  @ApiPropertyOptional({ example: 'ledger_earning', description: 'A projection name (projection/status lists them); default: every projection' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be a projection name' })
  projection?: string;
}
