import { LIMITS, assert } from '@ledger/kernel';
import type { EventMetadata, EventStore, NewEvent, Position, RecordedEvent } from './event-store.port';
import { WrongExpectedVersion } from './errors';

// The pure part a command handler needs: what the deciders of each domain provide.
export interface StreamDecider<C, E extends { type: string; data: unknown }, S> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

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

export function foldStream<E extends { type: string; data: unknown }, S>(decider: StreamDecider<unknown, E, S>, events: RecordedEvent[]): S {
  let state = decider.initialState();
  for (const e of events) state = decider.evolve(state, { type: e.type, data: e.data } as E);
  return state;
}

/**
 * load → decide → append with the revision that was read; on a concurrent write
 * (WrongExpectedVersion) reload and decide again, a bounded number of times.
 */
export async function executeOnStream<C, E extends { type: string; data: unknown }, S>(
  store: EventStore,
  stream: string,
  decider: StreamDecider<C, E, S>,
  command: C,
  options: ExecuteOptions<E>,
): Promise<CommandOutcome<E>> {
  const retries = options.retries ?? LIMITS.eventStore.wrongExpectedVersionRetries;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(stream, { maxCount: LIMITS.eventStore.streamReadMaxEvents });
    assert(recorded.length < LIMITS.eventStore.streamReadMaxEvents, `stream ${stream} exceeds the read limit`);
    const state = foldStream(decider as StreamDecider<unknown, E, S>, recorded);
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
