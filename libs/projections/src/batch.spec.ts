// Proves the pure rules of the runtime: where a checkpoint may move after a read, bounded retry backoff, and registry validation.
import type { Position, RecordedEvent } from '@ledger/event-store';
import { retryDelayMs } from './backoff';
import { nextCheckpoint } from './batch';
import { ProjectionRegistry } from './projection-registry';
import type { Projection } from './projection';

const p = (commit: number, prepare: number): Position => ({ commit: BigInt(commit), prepare: BigInt(prepare) });
const at = (position: Position): RecordedEvent =>
  ({ id: `${position.commit}-${position.prepare}`, position } as unknown as RecordedEvent);

describe('nextCheckpoint', () => {
  it('moves to the last event of a full batch, never past it (more may match before the head)', () => {
    expect(nextCheckpoint(null, p(9, 90), [at(p(1, 1)), at(p(2, 2))], 2)).toEqual(p(2, 2));
  });

  it('moves to the head observed before a short read, even when the filter matched nothing', () => {
    expect(nextCheckpoint(p(1, 1), p(9, 90), [at(p(2, 2))], 2)).toEqual(p(9, 90));
    expect(nextCheckpoint(p(1, 1), p(9, 90), [], 2)).toEqual(p(9, 90));
  });

  it('keeps the last event when it is beyond the head observed before the read', () => {
    expect(nextCheckpoint(p(1, 1), p(2, 2), [at(p(3, 3))], 5)).toEqual(p(3, 3));
  });

  it('reports nothing to record when neither events nor the head move it', () => {
    expect(nextCheckpoint(p(5, 5), p(5, 5), [], 10)).toBeNull();
    expect(nextCheckpoint(null, null, [], 10)).toBeNull();
  });

  it('refuses events that are not strictly ascending after the checkpoint', () => {
    expect(() => nextCheckpoint(p(5, 5), p(9, 9), [at(p(5, 5))], 10)).toThrow(/out of order/);
    expect(() => nextCheckpoint(null, p(9, 9), [at(p(3, 3)), at(p(2, 9))], 10)).toThrow(/out of order/);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and stays at the maximum forever', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 100, 30_000))).toEqual([100, 200, 400, 800]);
    expect(retryDelayMs(9, 100, 30_000)).toBe(25_600);
    expect(retryDelayMs(10, 100, 30_000)).toBe(30_000);
    expect(retryDelayMs(1_000_000, 100, 30_000)).toBe(30_000);
  });
});

describe('ProjectionRegistry', () => {
  const projection = (name: string, tables: string[]): Projection => ({ name, tables, apply: async () => undefined });

  it('selects one by name or all', () => {
    const registry = new ProjectionRegistry([projection('a_one', ['t1']), projection('b_two', ['t2'])]);
    expect(registry.select('all').map((x) => x.name)).toEqual(['a_one', 'b_two']);
    expect(registry.select('b_two').map((x) => x.name)).toEqual(['b_two']);
    expect(() => registry.select('nope')).toThrow(/unknown projection "nope"; known: a_one, b_two/);
  });

  it('refuses duplicate names, shared tables and names unfit for schema names', () => {
    expect(() => new ProjectionRegistry([projection('a', ['t']), projection('a', ['u'])])).toThrow(/twice/);
    expect(() => new ProjectionRegistry([projection('a', ['t']), projection('b', ['t'])])).toThrow(/owned by both/);
    expect(() => new ProjectionRegistry([projection('Bad-Name', ['t'])])).toThrow(/must match/);
    expect(() => new ProjectionRegistry([projection('a', ['public.t'])])).toThrow(/must match/);
    expect(() => new ProjectionRegistry([projection('a', [])])).toThrow(/owns no table/);
  });
});

describe('ProjectionRegistry given a function', () => {
  it('reads and validates the list on first use, not when constructed', () => {
    const list: Projection[] = [];
    const registry = new ProjectionRegistry(() => list);
    list.push({ name: 'late', tables: ['late_t'], apply: async () => undefined });
    expect(registry.all().map((p) => p.name)).toEqual(['late']);
    expect(() => new ProjectionRegistry(() => [{ name: 'Bad', tables: ['t'], apply: async () => undefined }]).all()).toThrow(/must match/);
  });
});
