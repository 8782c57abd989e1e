// What a parsed JSON value holds that the store cannot keep: PostgreSQL text and jsonb refuse NUL
// (\u0000) and unpaired UTF-16 surrogates (valid JSON escapes, invalid Unicode), and a value nested
// without bound costs every later walk of it. Keys that name members of every JavaScript object
// (`constructor`, `toString`, `__proto__` …) are refused too: class-transformer skips them, so an
// unknown field of that name would be silently dropped instead of refused like any other. Checked once
// where bodies are parsed, so no DTO, decider or projection ever sees such a value.
import type { FieldProblem } from './errors';
import { LIMITS } from './limits';

const NUL = '\u0000';
const OBJECT_MEMBER_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (key or value) with NUL or a lone surrogate, every key named like an object member, and the first place nested deeper than maxDepth, by field path. */
export function jsonTextProblems(value: unknown, maxDepth: number = LIMITS.http.jsonNestingLevels): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walk(value, '', 0, maxDepth, problems);
  return problems;
}

function walk(value: unknown, path: string, depth: number, maxDepth: number, problems: FieldProblem[]): void {
  if (problems.length >= LIMITS.http.textProblemsListed) return;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) problems.push({ field: path, problem });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth === maxDepth) {
    problems.push({ field: path, problem: `nests deeper than ${maxDepth} levels of arrays and objects` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1, maxDepth, problems));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = OBJECT_MEMBER_NAMES.has(key) ? 'should not exist (no request has a field named like a member of every object)' : prefixed('name ', textProblem(key));
    const field = path === '' ? printable(key) : `${path}.${printable(key)}`;
    if (keyProblem && problems.length < LIMITS.http.textProblemsListed) problems.push({ field, problem: keyProblem });
    walk(item, field, depth + 1, maxDepth, problems);
  }
}

function prefixed(prefix: string, problem: string | null): string | null {
  return problem === null ? null : `${prefix}${problem}`;
}

function textProblem(text: string): string | null {
  if (text.includes(NUL)) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no unpaired surrogate \\uD800–\\uDFFF)';
  return null;
}

/** A key as the caller can read it in the answer (the bad characters themselves would be invisible or unencodable). */
function printable(key: string): string {
  return key.replace(new RegExp(`${NUL}|${LONE_SURROGATE.source}`, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
