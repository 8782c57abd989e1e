import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsIsoCurrency } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';
import { PayoutBatchAnswer } from '../../batch-view';

const STATES = ['scheduled', 'approved', 'cancelled', 'executing', 'paid', 'partially_paid'] as const;

/** `payout/batch/list`: newest first. */
export class ListPayoutBatchesRequest {
  @ApiPropertyOptional({ enum: STATES })
  @IsOptional()
  @IsIn(STATES)
  state?: (typeof STATES)[number];

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsIsoCurrency()
  currency?: string;

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

export class PayoutBatchPage {
  @ApiProperty({ type: [PayoutBatchAnswer], description: 'Batches without their items (payout/batch/get has them)' }) items: PayoutBatchAnswer[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
