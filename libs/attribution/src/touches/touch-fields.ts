// Field checks shared by the checkout requests. class-validator's own decorators cover the rest.
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { CURRENCY_PATTERN, LIMITS, type Money } from '@ledger/kernel';
import { isIsoInstant } from '@ledger/programs';

/** ISO 8601 with an offset (`Z` or `+02:00`): business time must say which instant it is. */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isIsoInstant', validator: { validate: (value: unknown) => isIsoInstant(value), defaultMessage: () => 'must be an ISO 8601 time with offset, e.g. 2026-03-01T10:00:00Z' } },
    options,
  );
}

export type Subtotal = number | Money;

export function isSubtotal(value: unknown): value is Subtotal {
  if (isMinorUnits(value)) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { amount, currency, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && isMinorUnits(amount) && typeof currency === 'string' && CURRENCY_PATTERN.test(currency);
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
