import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { PayoutItemAnswer } from '../../batch-view';

const ITEM_STATES = ['pending', 'posted', 'failed', 'returned', 'cancelled'] as const;
const ID_CHARS_MAX = 200;

/** `payout/item/list`: every filter optional; newest batch first, then the batch's items in order. */
export class ListPayoutItemsRequest {
  @ApiPropertyOptional({ description: 'The influencer paid (a partner token: its own, filled in when absent)', maxLength: ID_CHARS_MAX })
  @IsOptional()
  @IsString()
  @Length(1, ID_CHARS_MAX)
  influencerId?: string;

  @ApiPropertyOptional({ description: 'The batch (`id` of payout/batch/create)', maxLength: ID_CHARS_MAX })
  @IsOptional()
  @IsString()
  @Length(1, ID_CHARS_MAX)
  batchId?: string;

  @ApiPropertyOptional({ enum: ITEM_STATES })
  @IsOptional()
  @IsIn(ITEM_STATES)
  state?: (typeof ITEM_STATES)[number];

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 1_000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LIMITS.http.pageSizeMax, default: LIMITS.http.pageSizeDefault })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.http.pageSizeMax)
  limit?: number;
}

export class PayoutItemListEntry extends PayoutItemAnswer {
  @ApiProperty() batchId: string;
  @ApiProperty({ description: 'When its batch was created' }) batchCreatedAt: string;
}

export class PayoutItemPage {
  @ApiProperty({ type: [PayoutItemListEntry] }) items: PayoutItemListEntry[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}
