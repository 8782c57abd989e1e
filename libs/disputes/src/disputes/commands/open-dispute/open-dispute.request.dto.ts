import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsBusinessTime } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';

export class DisputeSubjectRequest {
  @ApiProperty({ enum: ['earning', 'attribution', 'payout'], description: 'earning: id = earningId; attribution: id = orderId; payout: id = the payout item (`<batchId>:<itemId>`)' })
  @IsIn(['earning', 'attribution', 'payout'])
  kind: 'earning' | 'attribution' | 'payout';

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;
}

/** Evidence is metadata: the file itself lives elsewhere. */
export class DisputeEvidenceRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'application/pdf' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  mediaType?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'Bytes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  size?: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

/** `dispute/open`. */
export class OpenDisputeRequest {
  @ApiProperty({ type: DisputeSubjectRequest })
  @ValidateNested()
  @Type(() => DisputeSubjectRequest)
  subject: DisputeSubjectRequest;

  @ApiProperty({ maxLength: 100, example: 'wrong_commission' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reasonCode: string;

  @ApiProperty({ maxLength: LIMITS.disputes.descriptionChars })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LIMITS.disputes.descriptionChars)
  description: string;

  @ApiPropertyOptional({ type: [DisputeEvidenceRequest], maxItems: LIMITS.disputes.evidenceEntries })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.disputes.evidenceEntries)
  @ValidateNested({ each: true })
  @Type(() => DisputeEvidenceRequest)
  evidence?: DisputeEvidenceRequest[];

  @ApiPropertyOptional({ format: 'date-time', description: 'The deadline for an answer; list shows `overdue` once it passed while open or under review' })
  @IsOptional()
  @IsBusinessTime()
  respondBy?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Staff, payout subjects only: whose payout it is (a partner token disputes its own)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  influencerId?: string;
}
