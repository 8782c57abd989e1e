import type { DomainEvent } from '@ledger/contracts';
import { executeOnStream, foldStream, type CommandOutcome, type EventStore } from '@ledger/event-store';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { assert, LIMITS, randomId, type Decider } from '@ledger/kernel';

/**
 * load → decide → append on one stream, on behalf of the request (actor, role, cost centre and
 * correlation id in every event's metadata). Management commands are not outside facts, so event ids
 * are random unless the command has a natural key (a cost id).
 */
export function decideAndAppend<C, E extends DomainEvent, S>(
  store: EventStore,
  ctx: RequestContext,
  stream: string,
  decider: Decider<C, E, S, DomainEvent>,
  command: C,
  options: { occurredAt: string; eventId?: (event: E) => string; reasonCode?: string },
): Promise<CommandOutcome<E>> {
  return executeOnStream(store, stream, decider, command, {
    eventId: options.eventId ?? (() => randomId()),
    metadata: () => ({
      ...eventMetadataFrom(ctx, { occurredAt: options.occurredAt }),
      // For transitions whose event has no reason field (campaign activation): the audit trail still says why.
      ...(options.reasonCode === undefined ? {} : { reasonCode: options.reasonCode }),
    }),
  });
}

/**
 * The current state of a stream another command refers to (the campaign of a code, the parent of a
 * profile). Read from the event store, never a read model: the answer must not depend on projection lag.
 */
export async function stateOf<S>(store: EventStore, stream: string, decider: Decider<never, DomainEvent, S, DomainEvent>): Promise<S> {
  const events = await store.readStream(stream, { maxCount: LIMITS.eventStore.streamReadMaxEvents });
  assert(events.length < LIMITS.eventStore.streamReadMaxEvents, `stream ${stream} exceeds the read limit`); // as executeOnStream: never fold a truncated stream
  return foldStream(decider, events);
}
