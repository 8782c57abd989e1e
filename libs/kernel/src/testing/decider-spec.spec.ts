// Proves the given/when/then helper: it passes on the expected events or refusal and fails otherwise, using a toy decider.
import { AssertionError } from 'node:assert';
import { assert, AssertionFailed } from '../assert';
import type { Decider } from '../decider';
import { Conflict, NotFound } from '../errors';
import { DeciderSpecification } from './decider-spec';

type CounterEvent = { type: 'Incremented'; data: { by: number; note?: string } };
type CounterCommand = { type: 'Increment'; data: { by: number } };

const counter: Decider<CounterCommand, CounterEvent, { total: number }> = {
  initialState: () => ({ total: 0 }),
  decide: (command, state) => {
    if (command.data.by === 0) return [];
    if (state.total + command.data.by > 10) throw new Conflict('COUNTER.FULL', 'The counter is full.');
    return [{ type: 'Incremented', data: { by: command.data.by, note: undefined } }];
  },
  evolve: (state, event) => {
    const total = state.total + event.data.by;
    assert(total >= 0, 'the counter never goes below zero');
    return { total };
  },
};

const spec = DeciderSpecification.for(counter);
const inc = (by: number): CounterEvent => ({ type: 'Incremented', data: { by } });

describe('DeciderSpecification', () => {
  it('passes when decide emits the expected events (compared as stored JSON)', () => {
    spec.given([inc(2)]).when({ type: 'Increment', data: { by: 3 } }).then([inc(3)]);
    spec.given([]).when({ type: 'Increment', data: { by: 0 } }).then([]);
  });

  it('fails when decide emits other events', () => {
    expect(() => spec.given([]).when({ type: 'Increment', data: { by: 3 } }).then([inc(4)])).toThrow(AssertionError);
  });

  it('passes on the expected refusal by class, class and code, or predicate', () => {
    const when = spec.given([inc(9)]).when({ type: 'Increment', data: { by: 2 } });
    when.thenThrows(Conflict);
    when.thenThrows(Conflict, 'COUNTER.FULL');
    when.thenThrows((error) => error instanceof Conflict && error.code === 'COUNTER.FULL');
  });

  it('fails when the refusal is another error, another code, or no error at all', () => {
    const refused = spec.given([inc(9)]).when({ type: 'Increment', data: { by: 2 } });
    expect(() => refused.thenThrows(NotFound)).toThrow(AssertionError);
    expect(() => refused.thenThrows(Conflict, 'COUNTER.OTHER')).toThrow(AssertionError);
    expect(() => spec.given([]).when({ type: 'Increment', data: { by: 1 } }).thenThrows(Conflict)).toThrow(AssertionError);
  });

  it('runs evolve over the given and the emitted events, so invariant assertions surface', () => {
    expect(() => spec.given([inc(-1)]).when({ type: 'Increment', data: { by: 1 } }).then([inc(1)])).toThrow(AssertionFailed);
  });
});
