import type { DomainEvent, EventType } from '@ledger/contracts';

/**
 * A type guard for "one of these event types". Streams can carry events of several deciders
 * (the influencer stream holds the profile and the earning ledger), so each evolve first keeps
 * its own events and ignores the rest, then switches exhaustively over what it kept.
 */
export function isOneOf<T extends EventType>(types: readonly T[]): (event: DomainEvent) => event is DomainEvent<T> {
  const known = new Set<EventType>(types);
  return (event): event is DomainEvent<T> => known.has(event.type);
}
