import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { contextOf, type Logger, type Metrics } from '@ledger/runtime';
import type { CommandRoutes } from '../routing/route-table';

/**
 * One log line and one histogram sample per request, written when the answer has been sent;
 * for a command also a command-latency sample by outcome (ok | the problem's code | error).
 */
export function requestLog(log: Logger, metrics: Metrics, commands: CommandRoutes): RequestHandler {
  const requests = log.child({ component: 'http' });
  return (req: Request, res: Response, next: NextFunction) => {
    res.once('finish', () => {
      const ctx = contextOf(req);
      const ms = ctx ? Math.round((performance.now() - ctx.startedAt) * 10) / 10 : undefined;
      const route = routeOf(req);
      const seconds = (ms ?? 0) / 1000;
      metrics.httpRequestSeconds.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (commands.has(`${req.method} ${route}`)) { // route templates are stored normalised, as routeOf gives them
        const outcome = res.statusCode < 400 ? 'ok' : res.statusCode >= 500 ? 'error' : ((res.locals.problemCode as string | undefined) ?? String(res.statusCode));
        metrics.commandSeconds.observe({ command: route, outcome }, seconds);
      }
      const fields = {
        method: req.method,
        route,
        path: req.path,
        status: res.statusCode,
        ms,
        org: ctx?.org || undefined,
        actorId: ctx?.actorId || undefined,
        actingRole: ctx?.actingRole,
        correlationId: ctx?.correlationId,
        code: res.locals.problemCode as string | undefined,
      };
      if (res.statusCode >= 500) requests.error('request', fields);
      else requests.info('request', fields);
    });
    next();
  };
}

/** The route template (bounded label set), never the raw path. */
export function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
