// What a parsed JSON value holds that the store cannot keep: PostgreSQL text and jsonb refuse NUL
// (\u0000) and unpaired UTF-16 surrogates (valid JSON escapes, invalid Unicode), and a value nested
// without bound costs every later walk of it. Checked once where bodies are parsed, so no DTO,
// decider or projection ever sees such a value.
import type { FieldProblem } from './errors';
import { LIMITS } from './limits';

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (key or value) with NUL or a lone surrogate, and the first place nested deeper than maxDepth, by field path. */
export function jsonTextProblems(value: unknown, maxDepth: number = LIMITS.http.jsonDepthMax): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walk(value, '', 0, maxDepth, problems);
  return problems;
}

function walk(value: unknown, path: string, depth: number, maxDepth: number, problems: FieldProblem[]): void {
  if (problems.length >= LIMITS.http.textProblemsMax) return;
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
    const keyProblem = textProblem(key);
    const field = path === '' ? printable(key) : `${path}.${printable(key)}`;
    if (keyProblem && problems.length < LIMITS.http.textProblemsMax) problems.push({ field, problem: `name ${keyProblem}` });
    walk(item, field, depth + 1, maxDepth, problems);
  }
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
