// The campaign's intake fields validate a public submission: every value named `fields.<name>`, so
// the applicant's form can point at each bad field. Pure.
import type { IntakeField, IntakeValues } from '@ledger/contracts';
import { LIMITS, type FieldProblem } from '@ledger/kernel';

// Deliberately loose, as the profile's email check: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function intakeProblems(configured: readonly IntakeField[], values: unknown): FieldProblem[] {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return [{ field: 'fields', problem: 'must be an object of the campaign\'s intake fields' }];
  const given = values as Record<string, unknown>;
  const byName = new Map(configured.map((field) => [field.name, field]));
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(given)) {
    if (!byName.has(name)) problems.push({ field: `fields.${name}`, problem: 'is not an intake field of this campaign' });
  }
  for (const field of configured) {
    const value = given[field.name];
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push({ field: `fields.${field.name}`, problem: 'is required' });
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem !== null) problems.push({ field: `fields.${field.name}`, problem });
  }
  return problems;
}

function valueProblem(field: IntakeField, value: unknown): string | null {
  if (field.type === 'number') return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? null : 'must be a number';
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > LIMITS.applications.intakeValueChars) {
    return `must be a non-blank text of at most ${LIMITS.applications.intakeValueChars} characters`;
  }
  switch (field.type) {
    case 'text':
      return null;
    case 'email':
      return EMAIL.test(value.trim()) ? null : 'must be an email address';
    case 'url':
      return isHttpUrl(value.trim()) ? null : 'must be an http(s) URL';
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The values as recorded: configured fields only, texts trimmed, empty optional ones left out. */
export function recordedIntake(configured: readonly IntakeField[], values: Record<string, unknown>): IntakeValues {
  const recorded: IntakeValues = {};
  for (const field of configured) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    recorded[field.name] = typeof value === 'string' ? value.trim() : (value as number);
  }
  return recorded;
}
