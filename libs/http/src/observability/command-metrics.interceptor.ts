import { performance } from 'node:perf_hooks';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { tap, type Observable } from 'rxjs';
import { problemFor } from '../errors/problem';
import { READ_ONLY } from '../routing/read-only.decorator';
import { Metrics } from './metrics';
import { routeOf } from './request-log';

/** Command latency (POST routes that are not @ReadOnly), labelled by route and outcome (ok | 4xx code | error). */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly metrics: Metrics,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const req = execution.switchToHttp().getRequest<Request>();
    if (req.method !== 'POST' || this.reflector.getAllAndOverride<boolean>(READ_ONLY, [execution.getHandler(), execution.getClass()])) {
      return next.handle();
    }
    const started = performance.now();
    const observe = (outcome: string) => this.metrics.commandSeconds.observe({ command: routeOf(req), outcome }, (performance.now() - started) / 1000);
    return next.handle().pipe(
      tap({
        next: () => observe('ok'),
        error: (error: unknown) => {
          const { problem } = problemFor(error, { routeMatched: true });
          observe(problem.status >= 500 ? 'error' : problem.code);
        },
      }),
    );
  }
}
