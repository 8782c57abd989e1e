import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { IsIsoCurrency } from '@ledger/http';
import { CURRENCY_PATTERN, LIMITS } from '@ledger/kernel';

/** `{ amount, currency }`: a positive amount of integer minor units (`1999` = 19.99 EUR). */
export class MoneyRequest {
  @ApiProperty({ description: 'Integer minor units', example: 1999, minimum: 1, maximum: LIMITS.domain.moneyMinorMax })
  @IsInt()
  @Min(1)
  @Max(LIMITS.domain.moneyMinorMax)
  amount: number;

  @ApiProperty({ description: 'ISO 4217 (a code of the current list, not just three capitals)', example: 'EUR', pattern: CURRENCY_PATTERN.source })
  @IsString()
  @IsIsoCurrency()
  currency: string;
}
