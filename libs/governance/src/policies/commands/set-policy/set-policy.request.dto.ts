import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { CLAWBACK_AFTER_PAID, PAYOUT_SCHEDULES } from '@ledger/contracts';
import { CURRENCY_PATTERN, isIsoCurrency, LIMITS } from '@ledger/kernel';

/** `{ "EUR": { "amount": 5000, "currency": "EUR" } }`: integer minor units ≥ 0, each under its own currency. */
function IsMoneyByCurrency(): PropertyDecorator {
  return ValidateBy({
    name: 'isMoneyByCurrency',
    validator: {
      validate: (value: unknown) => moneyByCurrencyProblem(value) === null,
      defaultMessage: (args) => moneyByCurrencyProblem(args?.value) ?? 'invalid',
    },
  });
}

function moneyByCurrencyProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of { amount, currency } by ISO 4217 currency code';
  const entries = Object.entries(value);
  if (entries.length > LIMITS.governance.policyCurrencies) return `at most ${LIMITS.governance.policyCurrencies} currencies`;
  for (const [currency, money] of entries) {
    if (!isIsoCurrency(currency)) return `${JSON.stringify(currency)} is not an ISO 4217 currency code`;
    if (typeof money !== 'object' || money === null || Array.isArray(money)) return `${currency}: must be { amount, currency }`;
    const keys = Object.keys(money).sort();
    if (keys.length !== 2 || keys[0] !== 'amount' || keys[1] !== 'currency') return `${currency}: must have exactly the fields amount and currency`;
    const { amount, currency: named } = money as { amount: unknown; currency: unknown };
    if (named !== currency) return `${currency}: currency must be ${currency}, the key it is listed under`;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || amount > LIMITS.domain.moneyMinorMax) {
      return `${currency}: amount must be an integer of minor units from 0 to ${LIMITS.domain.moneyMinorMax}`;
    }
  }
  return null;
}

export class PayoutPolicyRequest {
  @ApiProperty({ enum: PAYOUT_SCHEDULES, description: 'How often payout batches are due (manual: when finance creates one)' })
  @IsIn([...PAYOUT_SCHEDULES])
  schedule: string;

  @ApiProperty({
    type: 'object',
    description: 'Org-wide minimum payout per currency (integer minor units), keyed by ISO 4217 code; {} for none',
    example: { EUR: { amount: 5000, currency: 'EUR' } },
    additionalProperties: {
      type: 'object',
      required: ['amount', 'currency'],
      properties: { amount: { type: 'integer', minimum: 0, maximum: LIMITS.domain.moneyMinorMax }, currency: { type: 'string', pattern: CURRENCY_PATTERN.source } },
    },
  })
  @IsMoneyByCurrency()
  minPayoutByCurrency: Record<string, { amount: number; currency: string }>;
}

export class ClawbackPolicyRequest {
  @ApiProperty({ enum: CLAWBACK_AFTER_PAID, description: 'A clawback of a paid earning: carried as a negative balance into the next payout, or written off' })
  @IsIn([...CLAWBACK_AFTER_PAID])
  afterPaid: string;
}

/** `policy/set`: at least one part; a part left out keeps its current value. */
export class SetPolicyRequest {
  @ApiPropertyOptional({ type: PayoutPolicyRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PayoutPolicyRequest)
  payout?: PayoutPolicyRequest;

  @ApiPropertyOptional({ type: ClawbackPolicyRequest })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ClawbackPolicyRequest)
  clawback?: ClawbackPolicyRequest;
}
