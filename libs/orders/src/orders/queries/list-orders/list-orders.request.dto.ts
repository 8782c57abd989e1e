import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CHANNELS } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';

export const ORDER_STATUSES = ['awaiting_order', 'recorded', 'partially_returned', 'returned', 'cancelled'] as const;

export class ListOrdersRequest {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: (typeof ORDER_STATUSES)[number];
  @ApiPropertyOptional({ enum: ['pending', 'attributed', 'unattributed'] }) @IsOptional() @IsIn(['pending', 'attributed', 'unattributed']) attribution?: 'pending' | 'attributed' | 'unattributed';
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) customerRef?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) campaignId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) influencerId?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 1_000) cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}
