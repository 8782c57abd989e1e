import type {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  EventData,
  Filter,
  ResolvedEvent,
} from '@eventstore/db-client';
import type { AllFilter, EventMetadata, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port';

// Type-only imports: the client (gRPC) is loaded by EventStoreDbEventStore.connect, so that
// importing @ledger/event-store never pulls it in.
export type EsdbModule = typeof import('@eventstore/db-client');

/** Our expected revision is EventStoreDB's, spelled the same: pass it explicitly, always. */
export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  return expected;
}

export function toEventData(event: NewEvent): EventData {
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as Record<string, unknown>,
  };
}

/** A user event of a stream read or $all read; system events ($-streams) and links are not ours. */
export function fromResolved(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || event.streamId.startsWith('$') || event.type.startsWith('$') || !event.isJson) return null;
  // Positions come with every read on EventStoreDB >= 22.6; older servers are not supported.
  if (!event.position) throw new Error(`EventStoreDB gave no position for ${event.streamId}@${event.revision}: server too old`);
  return {
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: event.metadata as EventMetadata,
    stream: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    recordedAt: event.created.toISOString(),
  };
}

/** The part of a filter the server applies: stream prefixes, else exact types, else "no system events". */
export function serverFilter(esdb: EsdbModule, filter: AllFilter | undefined): Filter {
  if (filter?.streamPrefixes) return esdb.streamNameFilter({ prefixes: filter.streamPrefixes });
  if (filter?.eventTypes) return esdb.eventTypeFilter({ regex: `^(${filter.eventTypes.map(escapeRegex).join('|')})$` });
  return esdb.excludeSystemEvents();
}

/** The whole filter, applied here too (the server applies only one of its two parts). */
export function matches(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (filter?.streamPrefixes && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) return false;
  if (filter?.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
