import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessTime, IsIsoCurrency } from '@ledger/http';

/** `payout/batch/create`. */
export class CreatePayoutBatchRequest {
  @ApiProperty({ example: 'EUR' })
  @IsIsoCurrency()
  currency: string;

  @ApiPropertyOptional({ description: 'Recorded on the batch (default: now); the earnings are those payable when the batch is created' })
  @IsOptional()
  @IsBusinessTime()
  asOf?: string;
}
