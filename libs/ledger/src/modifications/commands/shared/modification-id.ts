import type { RequestContext } from '@ledger/runtime';
import { deterministicId, randomId } from '@ledger/kernel';

/** A command's modification id: from its Idempotency-Key when it has one (a retry modifies once), else new. */
export function modificationIdOf(ctx: RequestContext, operation: string): string {
  return ctx.idempotencyKey ? deterministicId(ctx.org, operation, ctx.actorId, ctx.idempotencyKey) : randomId();
}
