// One spelling per code: customers type codes in any case and with stray spaces, and the code
// is part of a stream name (code-<org>.<CODE>), so it is trimmed, upper-cased and restricted.
import { LIMITS } from '@ledger/kernel';

const CODE_CHARS = /^[A-Z0-9_-]+$/;

export type NormalisedCode = { ok: true; code: string } | { ok: false; problem: string };

/** Pure; never throws. Checkout uses it too: an unusable code is simply unknown there. */
export function normaliseCode(raw: unknown): NormalisedCode {
  if (typeof raw !== 'string') return { ok: false, problem: 'must be a text' };
  const code = raw.trim().toUpperCase();
  if (code.length === 0) return { ok: false, problem: 'must not be blank' };
  if (code.length > LIMITS.domain.codeChars) return { ok: false, problem: `must be at most ${LIMITS.domain.codeChars} characters` };
  if (!CODE_CHARS.test(code)) return { ok: false, problem: 'may contain only letters A-Z, digits, _ and -' };
  return { ok: true, code };
}
