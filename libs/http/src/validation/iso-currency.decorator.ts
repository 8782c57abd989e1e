import { ValidateBy, type ValidationOptions } from 'class-validator';
import { ISO_CURRENCY_PROBLEM, isIsoCurrency } from '@ledger/kernel';

/** A currency of the ISO 4217 list (not merely three capitals): every Money and currency field of a DTO. */
export function IsIsoCurrency(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isIsoCurrency', validator: { validate: (value: unknown) => isIsoCurrency(value), defaultMessage: () => ISO_CURRENCY_PROBLEM } }, options);
}
