import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { contextOf, takeIdempotencyClaim, Logger } from '@ledger/runtime';
import { StoredAnswerReplay } from '../idempotency/stored-answer-replay';
import { isBug, problemFor, PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The only writer of error answers: every exception — from handlers, guards, pipes, body
 * parsing and unknown routes — becomes RFC 9457 problem+json. 5xx detail stays generic;
 * the full error is logged with the correlation id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const ctx = contextOf(req);

    if (error instanceof StoredAnswerReplay) {
      // An idempotent retry: answer exactly what the first request answered.
      if (res.headersSent) return;
      res.status(error.status).setHeader('Idempotent-Replayed', 'true');
      res.type(error.contentType).send(JSON.stringify(error.body));
      return;
    }

    const answer = problemFor(error, { routeMatched: Boolean(req.route) });
    const problem = ctx ? { ...answer.problem, correlationId: ctx.correlationId } : answer.problem;
    res.locals.problemCode = problem.code;
    if (answer.unexpected) {
      this.log.error(isBug(error) ? 'bug: assertion failed while serving a request' : 'unexpected error while serving a request', {
        err: error,
        method: req.method,
        path: req.originalUrl,
        correlationId: ctx?.correlationId,
      });
    }
    const send = () => {
      if (res.headersSent) {
        // Too late for a problem answer (a stream was half written); cut the connection so the client sees the failure.
        res.destroy();
        return;
      }
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
    };
    // A request that owns an Idempotency-Key records its 4xx answer (or releases the key for a 5xx) before sending it.
    const claim = takeIdempotencyClaim(ctx);
    if (claim === undefined) return send();
    void claim.settle(problem.status, problem).then(send);
  }
}
