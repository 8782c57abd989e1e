import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { ACCOUNT_HOLDER_CHARS_MAX, PAYOUT_METHODS } from '../../../domain';
import { Id } from '../../../shared/common.request.dto';
import { PositionField } from '../../../shared/position-field';

/**
 * `profile/payout-method/set`: `{ influencerId, method: "sandbox" | "stripe_connect", accountId }` or
 * `{ influencerId, method: "bank_transfer", iban, bic?, accountHolder }`. A field of another method is refused (400).
 */
export class SetPayoutMethodRequest {
  @Id('Influencer id')
  influencerId: string;

  @ApiProperty({ enum: PAYOUT_METHODS })
  @IsIn(PAYOUT_METHODS)
  method: (typeof PAYOUT_METHODS)[number];

  @ApiPropertyOptional({ maxLength: LIMITS.payouts.accountIdChars, description: 'sandbox and stripe_connect: the account (sandbox: `fail_…` always fails, `flaky_…` fails the first attempt, `slow_…` answers after the caller gave up)' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.payouts.accountIdChars)
  accountId?: string;

  @ApiPropertyOptional({ maxLength: 42, description: 'bank_transfer: IBAN (spaces allowed; stored in electronic format)' })
  @IsOptional()
  @IsString()
  @Length(1, 42)
  iban?: string;

  @ApiPropertyOptional({ maxLength: 11, description: 'bank_transfer: BIC (8 or 11 characters)' })
  @IsOptional()
  @IsString()
  @Length(1, 11)
  bic?: string;

  @ApiPropertyOptional({ maxLength: ACCOUNT_HOLDER_CHARS_MAX, description: 'bank_transfer: the account holder\'s name' })
  @IsOptional()
  @IsString()
  @Length(1, ACCOUNT_HOLDER_CHARS_MAX)
  accountHolder?: string;
}

export class PayoutDestinationView {
  @ApiProperty({ enum: PAYOUT_METHODS }) method: string;
  @ApiPropertyOptional() accountId?: string;
  @ApiPropertyOptional() iban?: string;
  @ApiPropertyOptional() bic?: string;
  @ApiPropertyOptional() accountHolder?: string;
}

export class PayoutMethodSetAnswer {
  @ApiProperty() id: string;
  @ApiProperty({ type: PayoutDestinationView }) payoutMethod: PayoutDestinationView;
  @PositionField() position: string | null;
}
