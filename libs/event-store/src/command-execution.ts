// The one command primitive: load streams → decide → append with each stream's expected revision,
// bounded retries on a concurrent writer. Every command path builds on it (programs, ledger
// commands); the process manager and the SCM intake keep their batched appendMany paths (ADR 0008).
import { LIMITS, assert, evolveAll, type Decider, type EventShape } from '@ledger/kernel';
import { WrongExpectedVersion } from './errors';
import { comparePositions, type AppendResult, type EventMetadata, type EventStore, type NewEvent, type Position, type RecordedEvent, type StreamAppend } from './event-store.port';

/** What was decided on one stream. A decision may carry more (the state it left, for the answer). */
export interface StreamDecision<E extends EventShape> {
  stream: string;
  events: readonly E[];
}

export interface DecideAndAppendOptions<S, E extends EventShape, D extends StreamDecision<E>> {
  /** The streams to load; each is folded with `decider` (its evolve and initial state). */
  streams: readonly string[];
  decider: Decider<never, EventShape, S, any>;
  /**
   * From every stream's folded state, what to append where. Pure apart from throwing: a refusal
   * (DomainError) refuses the whole command before anything is appended.
   */
  decide(states: ReadonlyMap<string, S>): D[];
  /** Event id per produced event: deterministic for outside facts or natural keys, random otherwise. */
  eventId(stream: string, event: E, index: number): string;
  metadata(stream: string, event: E): EventMetadata;
  /** How to load the streams; default one bounded readStream each. Bounded-stream contexts bring their own. */
  read?(store: EventStore, streams: readonly string[]): Promise<ReadonlyMap<string, readonly RecordedEvent[]>>;
  retries?: number;
}

export interface DecideAndAppendOutcome<D> {
  decisions: D[];
  /** Of the last appended event; when nothing was appended, of the loaded streams' latest event (null: none). */
  position: Position | null;
  /** Per loaded stream, its last revision after the call (null: the stream does not exist). */
  revisions: ReadonlyMap<string, bigint | null>;
}

/**
 * Loads the streams, decides, and appends everything decided as one atomic append with the
 * revision each stream was read at. A concurrent writer (WrongExpectedVersion) makes it reload and
 * decide again, at most `retries` times (LIMITS.eventStore.wrongExpectedVersionRetries).
 */
export async function decideAndAppend<S, E extends EventShape, D extends StreamDecision<E>>(
  store: EventStore,
  options: DecideAndAppendOptions<S, E, D>,
): Promise<DecideAndAppendOutcome<D>> {
  const retries = options.retries ?? LIMITS.eventStore.wrongExpectedVersionRetries;
  const read = options.read ?? readEach;
  for (let attempt = 0; ; attempt++) {
    const loaded = await read(store, options.streams);
    const states = new Map<string, S>();
    const revisions = new Map<string, bigint | null>();
    let latest: Position | null = null;
    for (const stream of options.streams) {
      const recorded = loaded.get(stream) ?? [];
      states.set(stream, foldStream(options.decider, recorded));
      const last = recorded.at(-1);
      revisions.set(stream, last?.revision ?? null);
      if (last && (latest === null || comparePositions(last.position, latest) > 0)) latest = last.position;
    }
    const decisions = options.decide(states);
    const appends: StreamAppend[] = decisions
      .filter((d) => d.events.length > 0)
      .map((d) => {
        assert(revisions.has(d.stream), `decided on stream ${d.stream}, which was not loaded`);
        const revision = revisions.get(d.stream) ?? null;
        return {
          stream: d.stream,
          expectedRevision: revision === null ? 'no_stream' : revision,
          events: d.events.map((e, i): NewEvent => ({ id: options.eventId(d.stream, e, i), type: e.type, data: { ...(e.data as Record<string, unknown>) }, metadata: options.metadata(d.stream, e) })),
        };
      });
    if (appends.length === 0) return { decisions, position: latest, revisions };
    assert(appends.reduce((n, a) => n + a.events.length, 0) <= LIMITS.eventStore.appendBatchEvents, 'a command appends a bounded number of events');
    try {
      // One stream: the plain append (both adapters implement it as a one-stream appendMany).
      const results: AppendResult[] = appends.length === 1 ? [await store.append(appends[0]!.stream, appends[0]!.events, { expectedRevision: appends[0]!.expectedRevision })] : await store.appendMany(appends);
      results.forEach((r, i) => revisions.set(appends[i]!.stream, r.nextExpectedRevision));
      return { decisions, position: results.at(-1)!.position, revisions };
    } catch (error) {
      if (error instanceof WrongExpectedVersion && attempt < retries) continue;
      throw error;
    }
  }
}

/** The decider's state after the recorded events (store metadata stripped: deciders see type and data only). */
export function foldStream<S, StreamEvent extends EventShape>(decider: Decider<never, EventShape, S, StreamEvent>, events: readonly RecordedEvent[]): S {
  return evolveAll(decider, events.map((e) => ({ type: e.type, data: e.data }) as StreamEvent));
}

async function readEach(store: EventStore, streams: readonly string[]): Promise<ReadonlyMap<string, readonly RecordedEvent[]>> {
  const read = new Map<string, readonly RecordedEvent[]>();
  for (const stream of streams) {
    const recorded = await store.readStream(stream, { maxCount: LIMITS.eventStore.streamReadMaxEvents });
    // A truncated stream folds to a wrong state: refuse to decide on it.
    assert(recorded.length < LIMITS.eventStore.streamReadMaxEvents, `stream ${stream} exceeds the read limit`);
    read.set(stream, recorded);
  }
  return read;
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

/** decideAndAppend on one stream with one decider and one command. */
export async function executeOnStream<C, E extends EventShape, S, StreamEvent extends EventShape = E>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S, StreamEvent>,
  command: C,
  options: ExecuteOptions<E>,
): Promise<CommandOutcome<E>> {
  const outcome = await decideAndAppend<S, E, StreamDecision<E>>(store, {
    streams: [stream],
    decider,
    decide: (states) => [{ stream, events: decider.decide(command, states.get(stream)!) }],
    eventId: (_stream, event, index) => options.eventId(event, index),
    metadata: (_stream, event) => options.metadata(event),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  });
  return { events: [...outcome.decisions[0]!.events], position: outcome.position, nextExpectedRevision: outcome.revisions.get(stream) ?? null };
}
