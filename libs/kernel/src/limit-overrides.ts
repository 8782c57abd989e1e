// The few limits an operator may move without a release, read once when LIMITS loads. A bad value
// stops the process at start-up: serving with a range nobody meant is worse than not serving.

const ISO_INSTANT_UTC_OR_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant from the environment variable `name`, else `fallback`. */
export function instantFromEnv(name: string, fallback: string): string {
  const raw = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name]?.trim();
  if (!raw) return fallback;
  if (!ISO_INSTANT_UTC_OR_OFFSET.test(raw) || !Number.isFinite(Date.parse(raw))) {
    throw new Error(`${name}: must be an ISO 8601 instant with offset such as 1970-01-01T00:00:00Z, got '${raw}'`);
  }
  return raw;
}
