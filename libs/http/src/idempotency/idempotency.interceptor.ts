import { setTimeout as delay } from 'node:timers/promises';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { Conflict, LIMITS } from '@ledger/kernel';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { contextOf } from '../context/request-context';
import { PROBLEM_CONTENT_TYPE, problemFor } from '../errors/problem';
import { READ_ONLY } from '../routing/read-only.decorator';
import { IdempotencyStore } from './idempotency.store';
import { requestHash } from './request-hash';
import { StoredAnswerReplay } from './stored-answer-replay';

/**
 * `Idempotency-Key` on POST commands: the first request with a key claims it (a 'pending' row,
 * so concurrent duplicates never both run); its answer — success or 4xx problem — is stored
 * and replayed to every retry with the same body. A different body → 409
 * IDEMPOTENCY_KEY_REUSED. A 5xx is not stored: the key is released and a retry runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const req = execution.switchToHttp().getRequest<Request>();
    const ctx = contextOf(req);
    const targets = [execution.getHandler(), execution.getClass()];
    const applies =
      req.method === 'POST' &&
      ctx?.authenticated === true &&
      ctx.idempotencyKey !== undefined &&
      !this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) &&
      !this.reflector.getAllAndOverride<boolean>(READ_ONLY, targets);
    if (!applies) return next.handle();

    const { org, idempotencyKey: key } = ctx as { org: string; idempotencyKey: string };
    const hash = requestHash(req.method, req.path, ctx.actorId, req.body);
    const successStatus = (Reflect.getMetadata(HTTP_CODE_METADATA, execution.getHandler()) as number | undefined) ?? 201;

    return from(this.claim(org, key, hash)).pipe(
      mergeMap(() =>
        next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.store.complete(org, key, successStatus, body);
            return body;
          }),
          catchError(async (error: unknown) => {
            const answer = problemFor(error, { routeMatched: true });
            if (answer.problem.status < 500) {
              await this.store.complete(org, key, answer.problem.status, { ...answer.problem, correlationId: ctx.correlationId });
            } else {
              await this.store.release(org, key);
            }
            throw error;
          }),
        ),
      ),
    );
  }

  /** Resolves when this request owns the key; otherwise throws the replay or the 409. */
  private async claim(org: string, key: string, hash: string): Promise<void> {
    const deadline = Date.now() + LIMITS.http.idempotencyInProgressWaitMs;
    while (true) {
      const claim = await this.store.claim(org, key, hash);
      if (claim.won) return;
      const { existing } = claim;
      // null: released by a failed first request between our insert and read — claim again at once.
      if (existing !== null) {
        if (existing.request_hash !== hash) {
          throw new Conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request; use a new key for a new request.');
        }
        if (existing.state === 'completed' && existing.status !== null) {
          throw new StoredAnswerReplay(existing.status, existing.response, existing.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json');
        }
      }
      if (Date.now() >= deadline) {
        throw new Conflict('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly.');
      }
      if (existing !== null) await delay(LIMITS.http.idempotencyPollMs);
    }
  }
}
