import { ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from '@ledger/kernel';
import { fieldProblems } from './field-problems';

/**
 * Global input validation with class-validator: unknown properties are refused (not silently
 * dropped), DTOs are real class instances in handlers, and every invalid field is reported.
 * No implicit type conversion: JSON types are the contract (`"5"` is not a number).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(fieldProblems(errors)),
  });
}
