// Field checks shared by the checkout requests. class-validator's own decorators (and @ledger/http's
// IsBusinessTime) cover the rest.
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoCurrency, LIMITS, type Money } from '@ledger/kernel';

export type Subtotal = number | Money;

export function isSubtotal(value: unknown): value is Subtotal {
  if (isMinorUnits(value)) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { amount, currency, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && isMinorUnits(amount) && isIsoCurrency(currency);
}

/** `subtotal`: integer minor units, or `{ amount, currency }`. */
export function IsSubtotal(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSubtotal',
      validator: {
        validate: (value: unknown) => isSubtotal(value),
        defaultMessage: () => `must be an integer of minor units from 0 to ${LIMITS.domain.moneyMinorMax}, or { amount, currency } with an ISO 4217 currency`,
      },
    },
    options,
  );
}

function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= LIMITS.domain.moneyMinorMax;
}
