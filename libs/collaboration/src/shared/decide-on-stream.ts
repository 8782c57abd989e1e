import type { DomainEvent } from '@ledger/contracts';
import { executeOnStream, foldStream, type CommandOutcome, type EventStore } from '@ledger/event-store';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { assert, LIMITS, randomId, type Decider } from '@ledger/kernel';

/** load → decide → append on one stream, on behalf of the request (actor, role, cost centre, correlation id in the metadata). */
export function decideOnStream<C, E extends DomainEvent, S>(
  store: EventStore,
  ctx: RequestContext,
  stream: string,
  decider: Decider<C, E, S, DomainEvent>,
  command: C,
  occurredAt: string,
): Promise<CommandOutcome<E>> {
  return executeOnStream(store, stream, decider, command, {
    eventId: () => randomId(),
    metadata: () => eventMetadataFrom(ctx, { occurredAt }),
  });
}

/** The current state of a stream another command refers to (a reply's parent), from the store, never a read model. */
export async function stateOf<S>(store: EventStore, stream: string, decider: Decider<never, DomainEvent, S, DomainEvent>): Promise<S> {
  const events = await store.readStream(stream, { maxCount: LIMITS.eventStore.streamReadMaxEvents });
  assert(events.length < LIMITS.eventStore.streamReadMaxEvents, `stream ${stream} exceeds the read limit`);
  return foldStream(decider, events);
}
