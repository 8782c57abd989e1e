import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Id } from '../batch-requests';

export const ITEM_OUTCOMES = ['posted', 'failed', 'returned'] as const;

/**
 * `payout/item/report`: a provider's word on an item — a bank's confirmation or rejection of a file line, or a
 * later return (a reversed transfer, a bank return), which puts the item's earnings back to payable.
 */
export class ReportPayoutItemRequest {
  @Id('The batch')
  batchId: string;

  @Id('The item')
  itemId: string;

  @ApiProperty({ enum: ITEM_OUTCOMES })
  @IsIn(ITEM_OUTCOMES)
  outcome: (typeof ITEM_OUTCOMES)[number];

  @ApiPropertyOptional({ maxLength: 255, description: "The provider's reference (required for posted)" })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  providerRef?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'failed: why (e.g. `AC04` closed account); returned: the return reason' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  failureCode?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  failureMessage?: string;
}
