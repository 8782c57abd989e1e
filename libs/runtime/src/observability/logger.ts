import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import { currentContext } from '../context/request-context';

export type LogFields = Record<string, unknown>;

/**
 * Structured JSON logs, one line per event of note. Every line written during a request
 * carries its correlation id, org and actor (read from the request context), so a request
 * can be followed across the edge, the handlers and the event store.
 * Inject it by class: `constructor(private readonly log: Logger) {}`.
 */
export class Logger {
  private constructor(private readonly pino: PinoLogger) {}

  static create(options: { level: string; name?: string; destination?: DestinationStream }): Logger {
    const logger = pino(
      {
        level: options.level,
        name: options.name ?? 'ledger',
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const ctx = currentContext();
          if (!ctx) return {};
          return ctx.authenticated ? { correlationId: ctx.correlationId, org: ctx.org, actorId: ctx.actorId } : { correlationId: ctx.correlationId };
        },
        // The request log line passes its own correlation id (it is written after the ALS scope ends);
        // pino keeps the later key, so the mixin never hides it.
        serializers: { err: pino.stdSerializers.err },
      },
      options.destination ?? stdoutDestination(),
    );
    return new Logger(logger);
  }

  child(bindings: LogFields): Logger {
    return new Logger(this.pino.child(bindings));
  }

  get level(): string {
    return this.pino.level;
  }

  debug(message: string, fields: LogFields = {}): void {
    this.pino.debug(fields, message);
  }
  info(message: string, fields: LogFields = {}): void {
    this.pino.info(fields, message);
  }
  warn(message: string, fields: LogFields = {}): void {
    this.pino.warn(fields, message);
  }
  /** Pass the error as `err` so its stack and cause are serialised. */
  error(message: string, fields: LogFields & { err?: unknown } = {}): void {
    this.pino.error(fields, message);
  }
  fatal(message: string, fields: LogFields & { err?: unknown } = {}): void {
    this.pino.fatal(fields, message);
  }

  /** Nest's own messages (module init, route mapping) go through the same JSON lines. */
  forNest(): LoggerService {
    const log = this.child({ component: 'nest' });
    const text = (message: unknown) => (typeof message === 'string' ? message : JSON.stringify(message));
    const context = (params: unknown[]) => (typeof params.at(-1) === 'string' ? { context: params.at(-1) } : {});
    return {
      log: (message: unknown, ...params: unknown[]) => log.debug(text(message), context(params)),
      error: (message: unknown, ...params: unknown[]) => log.error(text(message), { ...context(params), stack: params[0] }),
      warn: (message: unknown, ...params: unknown[]) => log.warn(text(message), context(params)),
      debug: (message: unknown, ...params: unknown[]) => log.debug(text(message), context(params)),
      verbose: (message: unknown, ...params: unknown[]) => log.debug(text(message), context(params)),
      fatal: (message: unknown, ...params: unknown[]) => log.fatal(text(message), context(params)),
    };
  }
}

/**
 * stdout, written asynchronously and in blocks: lines are buffered until LOG_BUFFER_BYTES are
 * waiting or LOG_FLUSH_MS has passed, so a busy API makes a few write calls a second instead of
 * one per request line. Measured under the apply-code bench (issue 14): without the block size,
 * requests arriving one by one at 500/s still got one asynchronous write each, ~18 % of the API's
 * CPU (a thread-pool round trip per line). pino flushes what is buffered when the process exits
 * (also after an uncaught exception); only a SIGKILL can lose the last LOG_FLUSH_MS of lines.
 */
const LOG_BUFFER_BYTES = 8_192;
const LOG_FLUSH_MS = 200;

function stdoutDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_MS });
}
