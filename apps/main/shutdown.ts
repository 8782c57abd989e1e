import { LIMITS } from '@ledger/kernel';
import type { Logger } from '@ledger/runtime';

/**
 * SIGTERM/SIGINT: close everything once, in order; give up after LIMITS.http.shutdownGraceMs.
 * A second signal exits at once (an operator pressing Ctrl-C twice means it).
 */
export function onShutdownSignal(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const handle = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn('second signal: exiting now', { signal });
      process.exit(1);
    }
    closing = true;
    logger.info('shutting down', { signal });
    const timer = setTimeout(() => {
      logger.error('shutdown took too long: exiting', { graceMs: LIMITS.http.shutdownGraceMs });
      process.exit(1);
    }, LIMITS.http.shutdownGraceMs);
    timer.unref();
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { err: error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
