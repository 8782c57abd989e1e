// Small pure checks of the collaboration deciders; each returns FieldProblems so one request
// reports every bad field at once.
import type { DomainEvent, EventType } from '@ledger/contracts';
import { LIMITS, ValidationFailed, type FieldProblem } from '@ledger/kernel';

export function isOneOf<T extends EventType>(types: readonly T[]): (event: DomainEvent) => event is DomainEvent<T> {
  const known = new Set<EventType>(types);
  return (event): event is DomainEvent<T> => known.has(event.type);
}

export function isNonBlank(value: unknown, maxChars: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxChars;
}

export function checkText(field: string, value: unknown, maxChars: number): FieldProblem[] {
  return isNonBlank(value, maxChars) ? [] : [{ field, problem: `must be a non-blank text of at most ${maxChars} characters` }];
}

/** What a comment or an inbox item is about: a kind of record and its id. */
export const SUBJECT_KINDS = ['campaign', 'influencer', 'code', 'earning', 'order', 'payout', 'payout_batch', 'statement', 'dispute', 'fraud_flag', 'application', 'comment'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export function checkSubject(field: string, subject: unknown): FieldProblem[] {
  if (typeof subject !== 'object' || subject === null) return [{ field, problem: 'must be { kind, id }' }];
  const { kind, id } = subject as { kind?: unknown; id?: unknown };
  return [
    ...(typeof kind === 'string' && (SUBJECT_KINDS as readonly string[]).includes(kind) ? [] : [{ field: `${field}.kind`, problem: `must be one of ${SUBJECT_KINDS.join(', ')}` }]),
    ...checkText(`${field}.id`, id, LIMITS.collaboration.subjectIdChars),
  ];
}

export const REASON_CODE_CHARS_MAX = 100;

export function checkReasonCode(field: string, value: unknown): FieldProblem[] {
  return isNonBlank(value, REASON_CODE_CHARS_MAX) ? [] : [{ field, problem: `must be a non-blank code of at most ${REASON_CODE_CHARS_MAX} characters` }];
}

export function refuseInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}

export function isHttpUrl(value: unknown, maxChars: number): boolean {
  if (typeof value !== 'string' || value.length > maxChars) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
