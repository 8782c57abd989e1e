// Given / when / then for deciders (after Emmett's DeciderSpecification): given the stream's past
// events, when a command is decided, then exactly these events — or this refusal. Test-only.
import { deepStrictEqual, fail } from 'node:assert';
import type { Decider, EventShape } from '../decider';
import { evolveAll } from '../decider';

/** An error class (checked with instanceof) or a predicate over the thrown value. */
export type ErrorExpectation = (abstract new (...args: any[]) => Error) | ((error: unknown) => boolean);

export interface DeciderThen<Event> {
  /** decide emits exactly `expected` (compared as the JSON they are stored as), and evolve accepts them. */
  then(expected: readonly Event[]): void;
  /** decide refuses: the error matches `expected` and, when given, carries the stable `code`. */
  thenThrows(expected: ErrorExpectation, code?: string): void;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export interface DeciderGiven<Command, Event, StreamEvent> {
  given(events: readonly StreamEvent[]): DeciderWhen<Command, Event>;
}

export const DeciderSpecification = {
  for<Command, Event extends StreamEvent, State, StreamEvent extends EventShape>(
    decider: Decider<Command, Event, State, StreamEvent>,
  ): DeciderGiven<Command, Event, StreamEvent> {
    return {
      given: (past) => ({
        when: (command) => ({
          then(expected) {
            // Evolve runs inside the test too: invariant assertions there must hold for the given events.
            const state = evolveAll(decider, past);
            const emitted = decider.decide(command, state);
            deepStrictEqual(asStored(emitted), asStored(expected), 'decide emitted other events than expected');
            // The emitted events must fold without tripping evolve's invariant assertions.
            evolveAll(decider, emitted, state);
          },
          thenThrows(expected, code) {
            const state = evolveAll(decider, past);
            let emitted: Event[];
            try {
              emitted = decider.decide(command, state);
            } catch (error) {
              if (!matches(error, expected)) fail(`decide threw an unexpected error: ${describe(error)}`);
              if (code !== undefined && (error as { code?: unknown }).code !== code) {
                fail(`decide threw code ${String((error as { code?: unknown }).code)}, expected ${code}: ${describe(error)}`);
              }
              return;
            }
            fail(`decide was expected to throw but emitted ${JSON.stringify(emitted)}`);
          },
        }),
      }),
    };
  },
};

// Events are stored as JSON: undefined fields vanish and that is the equality that matters.
function asStored(events: readonly unknown[]): unknown {
  return JSON.parse(JSON.stringify(events));
}

function matches(error: unknown, expected: ErrorExpectation): boolean {
  if (isErrorClass(expected)) return error instanceof expected;
  return (expected as (error: unknown) => boolean)(error);
}

function isErrorClass(expected: ErrorExpectation): expected is abstract new (...args: any[]) => Error {
  return expected === Error || (typeof expected === 'function' && expected.prototype instanceof Error);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}(${(error as { code?: string }).code ?? ''}): ${error.message}`;
  return String(error);
}
