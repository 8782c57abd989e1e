import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, EARNING_KINDS } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { EarningItem } from '../shared/earning.view';

export const EARNING_STATES = ['pending', 'held', 'payable', 'paid', 'clawed_back'] as const;

/** `earning/list`: every filter optional; newest first (by the order's business time). */
export class ListEarningsRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) influencerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) campaignId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) orderId?: string;
  @ApiPropertyOptional({ enum: EARNING_STATES }) @IsOptional() @IsIn([...EARNING_STATES]) state?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn([...CHANNELS]) channel?: string;
  @ApiPropertyOptional({ enum: EARNING_KINDS, description: 'commission (from orders) or make_good' }) @IsOptional() @IsIn([...EARNING_KINDS]) kind?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}

export class ListEarningsAnswer {
  @ApiProperty({ type: [EarningItem] }) items: EarningItem[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}
