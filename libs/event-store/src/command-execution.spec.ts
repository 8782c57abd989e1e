// Proves the command primitive: it appends what was decided with the revision each stream was read
// at, re-reads and re-decides after a concurrent writer, and gives up after the bounded retries; an in-memory store.
import type { Decider } from '@ledger/kernel';
import { decideAndAppend } from './command-execution';
import { WrongExpectedVersion } from './errors';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from './event-store.port';

type Added = { type: 'Added'; data: { n: number } };
const counter: Decider<{ n: number }, Added, number> = {
  initialState: () => 0,
  evolve: (total, e) => total + e.data.n,
  decide: (c) => [{ type: 'Added', data: { n: c.n } }],
};

/** Streams in memory; `interfere` writes one event to a stream right after the next read of it, `times` times. */
function memoryStore(interfere: { stream: string; times: number } | null = null) {
  const streams = new Map<string, RecordedEvent[]>();
  let commit = 0n;
  const appendCalls: Array<Array<{ stream: string; expectedRevision: ExpectedRevision }>> = [];
  const write = (stream: string, events: NewEvent[]): AppendResult => {
    const list = streams.get(stream) ?? [];
    for (const e of events) {
      commit += 1n;
      list.push({ ...e, stream, revision: BigInt(list.length), position: { commit, prepare: commit }, recordedAt: '2026-01-01T00:00:00.000Z' } as RecordedEvent);
    }
    streams.set(stream, list);
    return { nextExpectedRevision: BigInt(list.length - 1), position: list.at(-1)!.position, written: events.length };
  };
  const appendMany = async (appends: Array<{ stream: string; expectedRevision: ExpectedRevision; events: NewEvent[] }>) => {
    appendCalls.push(appends.map(({ stream, expectedRevision }) => ({ stream, expectedRevision })));
    for (const a of appends) {
      const actual = streams.has(a.stream) ? BigInt(streams.get(a.stream)!.length - 1) : null;
      const ok = a.expectedRevision === 'any' || (a.expectedRevision === 'no_stream' ? actual === null : a.expectedRevision === actual);
      if (!ok) throw new WrongExpectedVersion(a.stream, a.expectedRevision, actual);
    }
    return appends.map((a) => write(a.stream, a.events));
  };
  const store = {
    append: async (stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }) => (await appendMany([{ stream, expectedRevision: options.expectedRevision, events }]))[0]!,
    appendMany,
    readStream: async (stream: string) => {
      const read = [...(streams.get(stream) ?? [])];
      if (interfere && interfere.stream === stream && interfere.times > 0) {
        interfere.times -= 1;
        write(stream, [{ id: `x${commit}`, type: 'Added', data: { n: 100 }, metadata: {} as never }]);
      }
      return read;
    },
  } as unknown as EventStore;
  return { store, streams, appendCalls };
}

const options = (streams: string[], n: number) => ({
  streams,
  decider: counter,
  decide: (states: ReadonlyMap<string, number>) => streams.map((stream) => ({ stream, state: states.get(stream)!, events: counter.decide({ n }, states.get(stream)!) })),
  eventId: (stream: string, _e: Added, i: number) => `${stream}:${i}:${Math.random()}`,
  metadata: () => ({}) as never,
});

describe('decideAndAppend', () => {
  it('appends to several streams at once, each with the revision it was read at', async () => {
    const { store, streams, appendCalls } = memoryStore();
    await decideAndAppend(store, options(['a', 'b'], 1));
    const outcome = await decideAndAppend(store, options(['a', 'b', 'c'], 2));
    expect(appendCalls.at(-1)).toEqual([
      { stream: 'a', expectedRevision: 0n },
      { stream: 'b', expectedRevision: 0n },
      { stream: 'c', expectedRevision: 'no_stream' },
    ]);
    expect(outcome.decisions.map((d) => d.state)).toEqual([1, 1, 0]);
    expect(outcome.revisions.get('a')).toBe(1n);
    expect(outcome.position).toEqual(streams.get('c')!.at(-1)!.position);
  });

  it('re-reads and decides again after a concurrent writer', async () => {
    const { store, streams } = memoryStore({ stream: 'a', times: 2 });
    const outcome = await decideAndAppend(store, options(['a'], 1));
    expect(outcome.decisions[0]).toMatchObject({ state: 200 });
    expect(streams.get('a')!.map((e) => (e.data as { n: number }).n)).toEqual([100, 100, 1]);
  });

  it('gives up after the bounded retries', async () => {
    const { store } = memoryStore({ stream: 'a', times: 10 });
    await expect(decideAndAppend(store, { ...options(['a'], 1), retries: 2 })).rejects.toBeInstanceOf(WrongExpectedVersion);
  });

  it('appends nothing and answers the latest position read when nothing was decided', async () => {
    const { store, streams, appendCalls } = memoryStore();
    await decideAndAppend(store, options(['a'], 1));
    const calls = appendCalls.length;
    const outcome = await decideAndAppend(store, { ...options(['a'], 1), decide: () => [] });
    expect(appendCalls.length).toBe(calls);
    expect(outcome.position).toEqual(streams.get('a')!.at(-1)!.position);
  });
});
