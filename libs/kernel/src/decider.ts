// The write model of every stream: decide(command, state) → events, evolve(state, event) → state.
// Both are pure: time and ids arrive in the command, and a replay of the stream rebuilds the state.

/**
 * What a decider sees of an event: its type and payload, no store metadata (ids, positions,
 * actor) — the command handler adds those when it appends. `DomainEvent` from `@ledger/contracts`
 * has this shape; the kernel states it structurally so that kernel does not depend on contracts
 * (contracts already depends on kernel for `Money`).
 */
export interface EventShape {
  type: string;
  data: unknown;
}

/**
 * `Event` is what `decide` emits; `StreamEvent` is everything `evolve` may meet in the stream.
 * They differ when several deciders share one stream (the influencer stream carries the profile
 * and the earning ledger): each evolve then ignores the other's events.
 */
export interface Decider<Command, Event extends EventShape, State, StreamEvent extends EventShape = Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: StreamEvent): State;
  initialState(): State;
}

/** Folds events into the decider's state, starting from its initial state (or from `from`). */
export function evolveAll<Command, Event extends EventShape, State, StreamEvent extends EventShape>(
  decider: Decider<Command, Event, State, StreamEvent>,
  events: readonly StreamEvent[],
  from: State = decider.initialState(),
): State {
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
