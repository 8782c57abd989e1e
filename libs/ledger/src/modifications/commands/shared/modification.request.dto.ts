import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsIsoCurrency } from '@ledger/http';
import { CURRENCY_PATTERN, LIMITS } from '@ledger/kernel';
import { MoneyView } from '../../../earnings/queries/shared/earning.view';

/** Who may modify earnings (API.md "Finance, in detail"): the X-Actor-Role recorded on the events. */
export const MODIFICATION_ROLES = ['inf_owner', 'inf_finance'] as const;

/** `{ amount, currency }`: a positive amount of integer minor units. */
export class ModificationMoneyRequest {
  @ApiProperty({ description: 'Integer minor units', example: 1999, minimum: 1, maximum: LIMITS.domain.moneyMinorMax })
  @IsInt()
  @Min(1)
  @Max(LIMITS.domain.moneyMinorMax)
  amount: number;

  @ApiProperty({ description: 'ISO 4217', example: 'EUR', pattern: CURRENCY_PATTERN.source })
  @IsString()
  @IsIsoCurrency()
  currency: string;
}

/** Why: recorded on the events, shown to the partner. */
export class ModificationReasonRequest {
  @ApiProperty({ maxLength: 100, example: 'wrong_commission_base' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reasonCode: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note?: string;
}

export class ModifiedEarningAnswer {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) earningId: string;
  @ApiProperty({ enum: ['commission', 'make_good'] }) kind: string;
  @ApiProperty() influencerId: string;
  @ApiProperty() campaignId: string;
  @ApiProperty({ type: String, nullable: true }) orderId: string | null;
  @ApiProperty() level: number;
  @ApiProperty({ enum: ['pending', 'held', 'payable', 'paid', 'clawed_back'] }) state: string;
  @ApiProperty({ type: MoneyView, description: 'The commission now (accrued + adjustments)' }) amount: MoneyView;
  @ApiProperty({ type: MoneyView }) accrued: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Sum of adjustments' }) adjustments: MoneyView;
  @ApiProperty({ type: MoneyView }) clawedBack: MoneyView;
  @ApiProperty({ type: MoneyView }) paid: MoneyView;
  @ApiProperty() rulesVersion: number;
  @ApiProperty({ description: 'The modification: caller-given (Idempotency-Key) or generated' }) modificationId: string;
  @ApiProperty({ description: 'false: nothing had to change (the same modification again)' }) applied: boolean;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
}
