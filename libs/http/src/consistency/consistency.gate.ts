import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { parsePosition, type Position } from '@ledger/event-store';
import { LIMITS, Unavailable } from '@ledger/kernel';
import { type ReadModelProgress, READ_MODEL_PROGRESS } from '@ledger/runtime';
import { headerValue } from '../auth/request-headers';
import { InvalidRequest } from '../errors/edge-errors';
import { OWN_CONSISTENCY } from './consistency-from-catalog.decorator';

export const CONSISTENCY_HEADER = 'X-Consistency-Position';

/**
 * Read-your-writes: with `X-Consistency-Position: <position from a command answer>` the
 * request waits (at most LIMITS.http.consistencyWaitMs) until every projection has applied
 * that position, then runs; on timeout 503 with Retry-After. Without the header: no wait.
 * A global guard (after auth and the Idempotency-Key claim) rather than an interceptor: it only
 * ever acts before the handler, and the edge has no interceptors (docs/http-edge.md).
 */
@Injectable()
export class ConsistencyGate implements CanActivate {
  constructor(
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    if (this.reflector.get<boolean>(OWN_CONSISTENCY, execution.getHandler())) return true;
    const raw = headerValue(execution.switchToHttp().getRequest<Request>().headers, CONSISTENCY_HEADER);
    if (raw === undefined) return true;
    const position = consistencyPositionOf(raw);
    if (await this.progress.waitFor(position, LIMITS.http.consistencyWaitMs)) return true;
    throw new Unavailable('CONSISTENCY_TIMEOUT', `The read models have not reached position ${raw} within ${LIMITS.http.consistencyWaitMs} ms; retry shortly.`, 1);
  }
}

/** Parses the header's value; a malformed one is a 400 naming the header. */
export function consistencyPositionOf(raw: string): Position {
  const position = parsePosition(raw);
  if (!position) {
    throw new InvalidRequest('CONSISTENCY_POSITION_MALFORMED', `${CONSISTENCY_HEADER} must be a position as returned in a command answer's "position".`, [
      { field: `header:${CONSISTENCY_HEADER}`, problem: 'must look like <commit>-<prepare>, e.g. 1234-56' },
    ]);
  }
  return position;
}
