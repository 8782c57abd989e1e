// Load → decide → append on several earning streams as ONE append (atomic): a command
// naming several earnings is applied whole or not at all. Each stream is bounded per earning (ADR 0009).
import { decideAndAppend, type EventMetadata, type EventStore, type Position } from '@ledger/event-store';
import { LIMITS, assert } from '@ledger/kernel';
import {
  earningLedgerDecider,
  type EarningLedgerCommand,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from '../../../domain/earning-ledger';
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
 * left, and appends all events with each stream's expected revision (the command primitive,
 * decideAndAppend). A concurrent writer (the process manager, a release) makes the append fail as a
 * whole: reload and decide again, a bounded number of times. A refusal (DomainError) of any command
 * refuses the whole call before anything is appended.
 */
export async function decideOnEarnings(store: EventStore, streams: readonly string[], options: DecideOptions): Promise<DecideOutcome> {
  assert(streams.length <= LIMITS.ledger.earningStreamsPerCommand, 'a ledger command decides on a bounded number of earning streams');
  const { decisions, position } = await decideAndAppend<EarningLedgerState, EarningLedgerEvent, StreamDecision>(store, {
    streams,
    decider: earningLedgerDecider,
    read: readEarningStreams,
    decide: (folded) => {
      options.refuse?.(folded);
      return streams.map((stream) => {
        let state = folded.get(stream)!;
        const events: EarningLedgerEvent[] = [];
        for (const command of options.commandsFor(stream, state)) {
          for (const event of earningLedgerDecider.decide(command, state)) {
            state = earningLedgerDecider.evolve(state, event);
            events.push(event);
          }
        }
        return { stream, state, events };
      });
    },
    eventId: (stream, event) => options.eventId(stream, event),
    metadata: (stream, event) => options.metadata(stream, event),
  });
  return { decisions, position };
}
