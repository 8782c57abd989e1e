import type { DomainEvent } from '@ledger/contracts';
import { executeOnStream, type CommandOutcome, type EventStore } from '@ledger/event-store';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { randomId, type Decider } from '@ledger/kernel';

/** load → decide → append on one governance stream, on behalf of the request (actor, role, cost centre, correlation id). */
export function decideOnStream<C, E extends DomainEvent, S>(
  store: EventStore,
  ctx: RequestContext,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  occurredAt: string,
): Promise<CommandOutcome<E>> {
  return executeOnStream(store, stream, decider, command, {
    // Management commands are not outside facts: a retry is made safe by Idempotency-Key, not by ids.
    eventId: () => randomId(),
    metadata: () => eventMetadataFrom(ctx, { occurredAt }),
  });
}
