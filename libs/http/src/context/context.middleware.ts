import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { acceptableCorrelationId, headerValue } from '../auth/request-headers';
import { CONTEXT_ON_REQUEST, contextOf, runWithContext, type RequestContext, type RequestWithContext } from '@ledger/runtime';

/**
 * First middleware: gives the request its context (correlation id from `X-Correlation-Id` or
 * a new one, echoed back) before anything can fail, so even a body-parser error is answered
 * and logged with it.
 */
export function contextStart(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const correlationId = acceptableCorrelationId(headerValue(req.headers, 'x-correlation-id')) ?? randomUUID();
    const context: RequestContext = {
      correlationId,
      org: '',
      actorId: '',
      roles: [],
      tokenRoles: [],
      authenticated: false,
      startedAt: performance.now(),
    };
    (req as RequestWithContext)[CONTEXT_ON_REQUEST] = context;
    res.setHeader('X-Correlation-Id', correlationId);
    next();
  };
}

/**
 * After body parsing: runs the rest of the request inside AsyncLocalStorage. It comes after
 * the parsers on purpose — body-parser resumes on stream events, which would drop the store.
 */
export function contextScope(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const context = contextOf(req);
    if (!context) return next();
    runWithContext(context, () => next());
  };
}
