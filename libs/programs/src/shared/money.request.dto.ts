import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CURRENCY_PATTERN, LIMITS } from '@ledger/kernel';

/** `{ amount, currency }`: a positive amount of integer minor units (`1999` = 19.99 EUR). */
export class MoneyRequest {
  @ApiProperty({ description: 'Integer minor units', example: 1999, minimum: 1, maximum: LIMITS.domain.moneyMinorMax })
  @IsInt()
  @Min(1)
  @Max(LIMITS.domain.moneyMinorMax)
  amount: number;

  @ApiProperty({ description: 'ISO 4217', example: 'EUR', pattern: CURRENCY_PATTERN.source })
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'must be an ISO 4217 code such as EUR' })
  currency: string;
}
