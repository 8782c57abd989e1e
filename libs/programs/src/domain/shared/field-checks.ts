// Small pure checks shared by the programs deciders and validators. Each returns a FieldProblem
// list so that one request reports every bad field at once (the edge turns them into a 400).
import { CURRENCY_PATTERN, LIMITS, type FieldProblem } from '@ledger/kernel';

// ISO 8601 instant with an explicit offset (the API contract: "times ISO 8601 with offset").
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value));
}

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

export function isNonBlank(value: unknown, maxChars: number = LIMITS.domain.nameChars): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxChars;
}

export function checkIsoInstant(field: string, value: unknown): FieldProblem[] {
  return isIsoInstant(value) ? [] : [{ field, problem: 'must be an ISO 8601 time with offset' }];
}

export function checkIntegerIn(field: string, value: unknown, min: number, max: number): FieldProblem[] {
  return isIntegerIn(value, min, max) ? [] : [{ field, problem: `must be an integer from ${min} to ${max}` }];
}

export function checkBps(field: string, value: unknown): FieldProblem[] {
  return checkIntegerIn(field, value, 0, 10_000);
}

export function checkName(field: string, value: unknown): FieldProblem[] {
  return isNonBlank(value) ? [] : [{ field, problem: `must be a non-blank text of at most ${LIMITS.domain.nameChars} characters` }];
}

/** A positive amount of integer minor units with an ISO 4217 currency. */
export function checkPositiveMoney(field: string, value: unknown): FieldProblem[] {
  if (typeof value !== 'object' || value === null) return [{ field, problem: 'must be { amount, currency }' }];
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  const problems: FieldProblem[] = [];
  if (!isIntegerIn(amount, 1, LIMITS.domain.moneyMinorMax)) {
    problems.push({ field: `${field}.amount`, problem: `must be a positive integer of minor units (at most ${LIMITS.domain.moneyMinorMax})` });
  }
  if (typeof currency !== 'string' || !CURRENCY_PATTERN.test(currency)) {
    problems.push({ field: `${field}.currency`, problem: 'must be an ISO 4217 code such as EUR' });
  }
  return problems;
}

export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): FieldProblem[] {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? []
    : [{ field, problem: `must be one of ${allowed.join(', ')}` }];
}

/** `from` strictly before `until`, when both are present and valid (each is checked on its own elsewhere). */
export function checkOrdered(fromField: string, from: unknown, untilField: string, until: unknown): FieldProblem[] {
  if (!isIsoInstant(from) || !isIsoInstant(until)) return [];
  return Date.parse(from) < Date.parse(until) ? [] : [{ field: untilField, problem: `must be after ${fromField}` }];
}

/** A discount on a code or a channel override: percent in basis points, or a fixed positive amount. */
export function checkDiscount(field: string, value: unknown): FieldProblem[] {
  if (typeof value !== 'object' || value === null) return [{ field, problem: 'must be { type: "percent", rateBps } or { type: "fixed", amount }' }];
  const discount = value as { type?: unknown; rateBps?: unknown; amount?: unknown };
  switch (discount.type) {
    case 'percent':
      return checkBps(`${field}.rateBps`, discount.rateBps);
    case 'fixed':
      return checkPositiveMoney(`${field}.amount`, discount.amount);
    default:
      return [{ field: `${field}.type`, problem: 'must be one of percent, fixed' }];
  }
}

export const REASON_CODE_CHARS_MAX = 100;

/** A machine-readable reason such as `kyc_pending`: required on suspensions, terminations, holds. */
export function checkReasonCode(field: string, value: unknown): FieldProblem[] {
  return isNonBlank(value, REASON_CODE_CHARS_MAX) ? [] : [{ field, problem: `must be a non-blank code of at most ${REASON_CODE_CHARS_MAX} characters` }];
}
