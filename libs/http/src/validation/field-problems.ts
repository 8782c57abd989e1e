import type { ValidationError } from 'class-validator';
import type { FieldProblem } from '@ledger/kernel';

/**
 * class-validator's error tree → one `{field, problem}` per invalid field, with the path a
 * caller can find in its own JSON: `lines[0].quantity`, `attribution.windowDays`.
 */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      problems.push({ field, problem: Object.values(error.constraints).map((m) => withoutLeadingName(m, error.property)).join('; ') });
    }
    if (error.children && error.children.length > 0) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

// class-validator messages start with the property name ("quantity must be ..."); the field
// is already named, so "must be ..." reads better next to it.
function withoutLeadingName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
