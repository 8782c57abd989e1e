import { LIMITS, assert, evolveAll, type Decider, type EventShape } from '@ledger/kernel';
import type { EventMetadata, EventStore, NewEvent, Position, RecordedEvent } from './event-store.port';
import { WrongExpectedVersion } from './errors';

export interface CommandOutcome<E> {
  events: E[];
  /** Position of the last appended event, or of the stream's last event when nothing was appended. */
  position: Position | null;
  nextExpectedRevision: bigint | null;
}

export interface ExecuteOptions<E> {
  /** Event id per produced event: deterministic for outside facts, random otherwise. */
  eventId: (event: E, index: number) => string;
  metadata: (event: E) => EventMetadata;
  retries?: number;
}

/** The decider's state after the recorded events (store metadata stripped: deciders see type and data only). */
export function foldStream<S, StreamEvent extends EventShape>(decider: Decider<never, EventShape, S, StreamEvent>, events: readonly RecordedEvent[]): S {
  return evolveAll(decider, events.map((e) => ({ type: e.type, data: e.data }) as StreamEvent));
}

/**
 * load → decide → append with the revision that was read; on a concurrent write
 * (WrongExpectedVersion) reload and decide again, a bounded number of times.
 */
export async function executeOnStream<C, E extends EventShape, S, StreamEvent extends EventShape = E>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S, StreamEvent>,
  command: C,
  options: ExecuteOptions<E>,
): Promise<CommandOutcome<E>> {
  const retries = options.retries ?? LIMITS.eventStore.wrongExpectedVersionRetries;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(stream, { maxCount: LIMITS.eventStore.streamReadMaxEvents });
    assert(recorded.length < LIMITS.eventStore.streamReadMaxEvents, `stream ${stream} exceeds the read limit`);
    const state = foldStream(decider, recorded);
    const events = decider.decide(command, state);
    const last = recorded.at(-1);
    if (events.length === 0) {
      return { events, position: last?.position ?? null, nextExpectedRevision: last?.revision ?? null };
    }
    const toAppend: NewEvent[] = events.map((e, i) => ({
      id: options.eventId(e, i),
      type: e.type,
      data: e.data as Record<string, unknown>,
      metadata: options.metadata(e),
    }));
    try {
      const result = await store.append(stream, toAppend, {
        expectedRevision: last ? last.revision : 'no_stream',
      });
      return { events, position: result.position, nextExpectedRevision: result.nextExpectedRevision };
    } catch (error) {
      if (error instanceof WrongExpectedVersion && attempt < retries) continue;
      throw error;
    }
  }
}
