// Field checks every ledger command shares (the decider's and the modifications').
import { ValidationFailed, type FieldProblem } from '@ledger/kernel';

export const REASON_CODE_CHARS_MAX = 100;
export const NOTE_CHARS_MAX = 2_000;

export function reasonProblems(reasonCode: unknown, note?: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isText(reasonCode, REASON_CODE_CHARS_MAX)) problems.push({ field: 'reasonCode', problem: `must be a non-blank code of at most ${REASON_CODE_CHARS_MAX} characters` });
  if (note !== undefined && !isText(note, NOTE_CHARS_MAX)) problems.push({ field: 'note', problem: `must be a non-blank text of at most ${NOTE_CHARS_MAX} characters` });
  return problems;
}

export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export function instantProblems(field: string, value: unknown): FieldProblem[] {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value)) ? [] : [{ field, problem: 'must be an ISO 8601 time with offset' }];
}

export function isText(value: unknown, maxChars: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxChars;
}

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

export function optionalNote(note: string | undefined): { note?: string } {
  return note === undefined ? {} : { note };
}

export function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

