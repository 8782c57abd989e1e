import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Conflict, LIMITS } from '@ledger/kernel';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { contextOf, Logger } from '@ledger/runtime';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { READ_ONLY } from '../routing/read-only.decorator';
import { IdempotencyStore } from './idempotency.store';
import { requestHash } from './request-hash';
import { StoredAnswerReplay } from './stored-answer-replay';
import { isTransientAnswer } from './transient-answer';

/**
 * `Idempotency-Key` on POST commands: the first request with a key claims it (a 'pending' row,
 * so concurrent duplicates never both run); its answer — success or 4xx problem — is stored
 * before it is sent, and replayed to every retry with the same body. A different body → 409
 * IDEMPOTENCY_KEY_REUSED. A transient answer (5xx, 429, a WrongExpectedVersion 409) is not
 * stored: the key is released and a retry runs again. Each claim carries a random owner token and
 * only that owner settles it: a request so slow that its claim went stale and was taken over must
 * not overwrite (or delete) the answer of the request that took it.
 *
 * A guard (after auth, before the consistency wait: a replay does not wait) rather than an
 * interceptor: the claim is taken here and left on the request context, and the two writers of
 * answers settle it — the adapter's `reply` (ExpressServerAdapter) and the problem filter.
 * Nest wraps every interceptor in rxjs and `AsyncResource.bind` on every request of every route,
 * which kept whole request graphs alive into the old generation (docs/performance.md).
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  private readonly log: Logger;

  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    log: Logger,
  ) {
    this.log = log.child({ component: 'idempotency' });
  }

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const req = execution.switchToHttp().getRequest<Request>();
    const ctx = contextOf(req);
    if (req.method !== 'POST' || ctx?.authenticated !== true || ctx.idempotencyKey === undefined) return true;
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride<boolean>(READ_ONLY, targets)) return true;

    const { org, idempotencyKey: key } = ctx;
    const owner = randomUUID();
    await this.claim(org, key, requestHash(req.method, req.path, ctx.actorId, req.body), owner);
    ctx.idempotencyClaim = {
      settle: async (status, body) => {
        try {
          const settled = isTransientAnswer(status, body) ? await this.store.release(org, key, owner) : await this.store.complete(org, key, owner, status, body);
          if (!settled) {
            // Our answer is still sent to this caller; retries get the answer of the request that took the key over.
            this.log.warn('Idempotency-Key claim was taken over while this request ran: its answer is not stored', { org, status });
          }
        } catch (error) {
          // The command's own outcome stands and is answered; the key stays 'pending' until it is stale
          // (LIMITS.http.idempotencyPendingStaleMs), as after a crash at this point.
          this.log.error('could not record the answer of an Idempotency-Key', { err: error, org, status });
        }
      },
    };
    return true;
  }

  /** Resolves when this request owns the key; otherwise throws the replay or the 409. */
  private async claim(org: string, key: string, hash: string, owner: string): Promise<void> {
    const deadline = Date.now() + LIMITS.http.idempotencyInProgressWaitMs;
    while (true) {
      const claim = await this.store.claim(org, key, hash, owner);
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
