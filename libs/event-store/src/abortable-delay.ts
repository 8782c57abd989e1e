/**
 * Waits `ms`, or less if `signal` aborts: every background loop (followers, projections, process
 * managers, consumers) idles with it, so a shutdown never waits out a poll interval or a backoff.
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
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
