import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { assert } from '@ledger/kernel';
import { contextOf, type RequestContext } from '@ledger/runtime';

/**
 * `@Ctx() ctx: RequestContext` — the request context (org, actorId, roles, actingRole,
 * costCentre, correlationId, idempotencyKey). Read org from here, never from the body.
 */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  const context = contextOf(host.switchToHttp().getRequest());
  assert(context, 'request context missing: the context middleware did not run');
  return context;
});
