import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { AssertionFailed, DomainError, RateLimited, Unavailable, type DomainErrorKind, type FieldProblem } from '@ledger/kernel';
import { EdgeHttpError } from './edge-errors';

/** RFC 9457 problem details, the body of every error answer (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldProblem[];
  /** Extension: the request's correlation id, to find its log lines. */
  correlationId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemAnswer {
  problem: Problem;
  headers: Record<string, string>;
  /** 5xx that are not deliberate (Unavailable): the caller gets a generic detail, the log gets everything. */
  unexpected: boolean;
}

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  rate_limited: 429,
};

export function problemType(code: string): string {
  return `urn:ledger:problem:${code}`;
}

function problem(status: number, code: string, detail: string, errors: FieldProblem[] = []): Problem {
  return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail, code, errors };
}

/** Maps anything thrown while serving a request to the problem the caller sees. */
export function problemFor(error: unknown, context: { routeMatched: boolean }): ProblemAnswer {
  if (error instanceof DomainError) {
    const status = STATUS_OF_KIND[error.kind];
    const headers: Record<string, string> = {};
    if (error instanceof Unavailable || error instanceof RateLimited) headers['Retry-After'] = String(error.retryAfterSeconds);
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="ledger"';
    return { problem: problem(status, error.code, error.message, error.errors ?? []), headers, unexpected: false };
  }
  if (error instanceof EdgeHttpError) {
    return { problem: problem(error.status, error.code, error.message), headers: {}, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404 && !context.routeMatched) {
      return { problem: problem(404, 'ROUTE_NOT_FOUND', 'No such endpoint. Operations are POST /influencer/<entity>/<verb>; see /docs.'), headers: {}, unexpected: false };
    }
    if (status >= 500) return unexpected();
    return { problem: problem(status, codeOfStatus(status), detailOf(error)), headers: {}, unexpected: false };
  }
  return unexpected();
}

function unexpected(): ProblemAnswer {
  return {
    problem: problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred. It has been logged; quote the correlation id when reporting it.'),
    headers: {},
    unexpected: true,
  };
}

function codeOfStatus(status: number): string {
  return (STATUS_CODES[status] ?? `HTTP_${status}`).toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function detailOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return error.message;
}

/** Assertion failures are bugs: worth a louder log line than other 500s. */
export function isBug(error: unknown): boolean {
  return error instanceof AssertionFailed;
}
