import { ValidateBy, type ValidationOptions } from 'class-validator';
import { businessTimeProblem } from '@ledger/kernel';

/**
 * A business time (occurredAt, startsAt, validUntil, asOf, …): ISO 8601 with offset, a real
 * calendar instant, inside LIMITS.time. The one check every DTO's time field uses, so a time the
 * store or a projection cannot hold is a 400 naming the field, never a 200 that breaks later.
 */
export function IsBusinessTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBusinessTime',
      validator: {
        validate: (value: unknown) => businessTimeProblem(value) === null,
        defaultMessage: (args) => businessTimeProblem(args?.value) ?? 'must be a business time',
      },
    },
    options,
  );
}
