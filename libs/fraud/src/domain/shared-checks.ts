// Field checks the fraud deciders share (the HTTP DTOs check the same first; these guard every other caller).
import type { FieldProblem } from '@ledger/kernel';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function instantProblems(field: string, value: unknown): FieldProblem[] {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value)) ? [] : [{ field, problem: 'must be an ISO 8601 time with offset' }];
}

export function textProblems(field: string, value: unknown, maxChars: number): FieldProblem[] {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxChars ? [] : [{ field, problem: `must be a non-blank text of at most ${maxChars} characters` }];
}
