// Load → decide → append on several earning streams as ONE append (appendMany, atomic): a command
// naming several earnings is applied whole or not at all. Each stream is bounded per earning (ADR 0009).
import { comparePositions, WrongExpectedVersion, type EventMetadata, type EventStore, type NewEvent, type Position, type RecordedEvent } from '@ledger/event-store';
import { LIMITS, assert } from '@ledger/kernel';
import {
  earningLedgerDecider,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from '../../domain/earning-ledger';
import { readEarningStreams } from '../../read-earning-streams';

export interface StreamDecision {
  stream: string;
  state: EarningLedgerState;
  /** What was decided (and appended) on this stream. */
  events: EarningLedgerEvent[];
}

export interface DecideOptions {
  /** Per stream, from its folded state: the commands to decide, in order. */
  commandsFor(stream: string, state: EarningLedgerState): EarningLedgerCommand[];
  eventId(stream: string, event: EarningLedgerEvent): string;
  metadata(stream: string, event: EarningLedgerEvent): EventMetadata;
  /** Sees every stream folded before anything is decided: a refusal that names all offenders at once. */
  refuse?(states: ReadonlyMap<string, EarningLedgerState>): void;
}

export interface DecideOutcome {
  decisions: StreamDecision[];
  /** Of the last appended event; when nothing was appended, of the streams' latest event (null: none). */
  position: Position | null;
}

/**
 * Reads the streams (bounded round trips), decides every command against the state the previous ones
 * left, and appends all events with each stream's expected revision. A concurrent writer (the
 * process manager, a release) makes the append fail as a whole: reload and decide again, a bounded
 * number of times. A refusal (DomainError) of any command refuses the whole call before anything is appended.
 */
export async function decideOnEarnings(store: EventStore, streams: readonly string[], options: DecideOptions): Promise<DecideOutcome> {
  assert(streams.length <= LIMITS.ledger.earningStreamsPerCommand, 'a ledger command decides on a bounded number of earning streams');
  for (let attempt = 0; ; attempt++) {
    const read = await readEarningStreams(store, streams);
    const decisions: StreamDecision[] = [];
    const appends: Array<{ stream: string; expectedRevision: bigint | 'no_stream'; events: NewEvent[] }> = [];
    let latest: Position | null = null;
    const folded = new Map(streams.map((stream) => [stream, foldStream(read.get(stream) ?? [])] as const));
    options.refuse?.(folded);
    for (const stream of streams) {
      const recorded = read.get(stream) ?? [];
      let state = folded.get(stream)!;
      const events: EarningLedgerEvent[] = [];
      for (const command of options.commandsFor(stream, state)) {
        for (const event of earningLedgerDecider.decide(command, state)) {
          state = earningLedgerDecider.evolve(state, event);
          events.push(event);
        }
      }
      const last = recorded.at(-1);
      if (last && (latest === null || comparePositions(last.position, latest) > 0)) latest = last.position;
      decisions.push({ stream, state, events });
      if (events.length > 0) {
        appends.push({
          stream,
          expectedRevision: last ? last.revision : 'no_stream',
          events: events.map((e) => ({ id: options.eventId(stream, e), type: e.type, data: { ...e.data }, metadata: options.metadata(stream, e) })),
        });
      }
    }
    if (appends.length === 0) return { decisions, position: latest };
    assert(appends.reduce((n, a) => n + a.events.length, 0) <= LIMITS.eventStore.appendBatchEvents, 'a ledger command appends a bounded number of events');
    try {
      const results = await store.appendMany(appends);
      return { decisions, position: results.at(-1)!.position };
    } catch (error) {
      if (error instanceof WrongExpectedVersion && attempt < LIMITS.eventStore.wrongExpectedVersionRetries) continue;
      throw error;
    }
  }
}

function foldStream(recorded: readonly RecordedEvent[]): EarningLedgerState {
  let state = earningLedgerDecider.initialState();
  for (const e of recorded) state = earningLedgerDecider.evolve(state, { type: e.type, data: e.data } as never);
  return state;
}
