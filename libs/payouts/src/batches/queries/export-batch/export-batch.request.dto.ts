import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Id } from '../../commands/batch-requests';

export const BANK_FILE_FORMATS = ['csv', 'pain.001'] as const;

/** `payout/batch/export`: the bank file of the batch's pending bank_transfer items. */
export class ExportPayoutBatchRequest {
  @Id('The batch')
  batchId: string;

  @ApiProperty({ enum: BANK_FILE_FORMATS })
  @IsIn(BANK_FILE_FORMATS)
  format: (typeof BANK_FILE_FORMATS)[number];

  @ApiPropertyOptional({ maxLength: 70, description: 'pain.001: the paying account holder (required for pain.001)' })
  @IsOptional()
  @IsString()
  @Length(1, 70)
  debtorName?: string;

  @ApiPropertyOptional({ maxLength: 42, description: 'pain.001: the paying account (required for pain.001)' })
  @IsOptional()
  @IsString()
  @Length(1, 42)
  debtorIban?: string;

  @ApiPropertyOptional({ maxLength: 11 })
  @IsOptional()
  @IsString()
  @Length(1, 11)
  debtorBic?: string;
}
