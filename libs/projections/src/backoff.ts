/** Delay before retry number `failures` (1, 2, ...): doubling from `baseMs`, never above `maxMs`. */
export function retryDelayMs(failures: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30); // 2^30 already exceeds any sane max
  return Math.min(baseMs * 2 ** exponent, maxMs);
}

/** Waits `ms`, or less if `signal` aborts (stop() must not wait out an idle poll or a backoff). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
