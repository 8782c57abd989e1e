// Which answers an Idempotency-Key must not remember: the same request, retried, may well succeed.

/**
 * Conflicts that say "try again", not "this request is wrong": another writer moved the stream
 * between our read and our append (the command did nothing), or the key itself is busy.
 */
const TRANSIENT_CONFLICT_CODES: ReadonlySet<string> = new Set(['EVENT_STORE.WRONG_EXPECTED_VERSION', 'WRONG_EXPECTED_VERSION', 'IDEMPOTENCY_IN_PROGRESS']);

/** 5xx (503 included), 408 and 429, and the transient 409s: replaying them for 72 h would turn a blip into a lasting refusal. */
export function isTransientAnswer(status: number, body: unknown): boolean {
  if (status >= 500 || status === 408 || status === 429) return true;
  if (status !== 409) return false;
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && TRANSIENT_CONFLICT_CODES.has(code);
}
