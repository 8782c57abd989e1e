import pino from 'pino';

/** The structured logger the runtime needs (pino's shape): one JSON line per event of note. */
export interface ProjectionLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function defaultProjectionLogger(): ProjectionLogger {
  return pino({ name: 'projections' });
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { err: { name: error.name, message: error.message, code: (error as { code?: unknown }).code, stack: error.stack } };
  }
  return { err: String(error) };
}
