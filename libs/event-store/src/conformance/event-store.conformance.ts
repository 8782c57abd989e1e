import { DuplicateEventIdMismatch, WrongExpectedVersion } from '../errors';
import { comparePositions, type EventStore, type ExpectedRevision } from '../event-store.port';
import { streamName } from '../stream-name';
import { describeConcurrency } from './concurrency.conformance';
import { ids, newEvent, newEvents, newOrg, readAllUntil } from './fixtures';
import { describeFilters } from './filters.conformance';

// The behaviour every EventStore adapter must show (ARCHITECTURE "Event store — the rules").
// Run it from an adapter's spec: describeEventStoreConformance('postgres', async () => ({...})).

export interface ConformanceSubject {
  store: EventStore;
  /** Drops what the factory created (the test database), after store.close(). */
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  /** appendMany is all-or-nothing across streams (PostgreSQL: yes; EventStoreDB: no). */
  atomicAppendMany: boolean;
  /**
   * A stored event id is recognised wherever it is, in any stream (PostgreSQL: a unique index).
   * EventStoreDB only recognises ids where a retry of the same append would have put them.
   */
  globalEventIds: boolean;
}

export function describeEventStoreConformance(
  name: string,
  factory: () => Promise<ConformanceSubject>,
  options: ConformanceOptions = { atomicAppendMany: true, globalEventIds: true },
): void {
  describe(`EventStore conformance: ${name}`, () => {
    let subject: ConformanceSubject;
    const store = (): EventStore => subject.store;

    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.store.close();
      await subject?.cleanup();
    });

    describeExpectedRevisions(store);
    describeIdempotency(store, options);
    describeReads(store);
    describeAppendMany(store, options);
    describeFilters(store);
    describeConcurrency(store);
  });
}

async function wrongVersion(promise: Promise<unknown>): Promise<WrongExpectedVersion> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  return error as WrongExpectedVersion;
}

function describeExpectedRevisions(store: () => EventStore): void {
  describe('expected revision', () => {
    const cases: Array<[string, ExpectedRevision, 'new' | 'existing', bigint | null | 'ok']> = [
      ['no_stream on a new stream', 'no_stream', 'new', 'ok'],
      ['no_stream on an existing stream', 'no_stream', 'existing', 2n],
      ['stream_exists on a new stream', 'stream_exists', 'new', null],
      ['stream_exists on an existing stream', 'stream_exists', 'existing', 'ok'],
      ['any on a new stream', 'any', 'new', 'ok'],
      ['any on an existing stream', 'any', 'existing', 'ok'],
      ['the exact revision', 2n, 'existing', 'ok'],
      ['a stale revision', 1n, 'existing', 2n],
      ['a revision ahead', 5n, 'existing', 2n],
      ['a revision on a new stream', 0n, 'new', null],
    ];
    it('concurrent creators of one stream: exactly one no_stream append wins, the others get WrongExpectedVersion', async () => {
      const org = newOrg();
      for (let round = 0; round < 20; round++) {
        const stream = streamName('rev', org, `race${round}`);
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, () =>
            store()
              .append(stream, newEvents(org, 2), { expectedRevision: 'no_stream' })
              .then(() => 'ok', (error: unknown) => error),
          ),
        );
        expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
        for (const o of outcomes.filter((o) => o !== 'ok')) expect(o).toMatchObject({ stream, actual: 1n });
        expect(await store().readStream(stream)).toHaveLength(2);
      }
    });

    it.each(cases)('%s', async (_, expected, state, outcome) => {
      const org = newOrg();
      const stream = streamName('rev', org, '1');
      if (state === 'existing') await store().append(stream, newEvents(org, 3), { expectedRevision: 'no_stream' });
      const before = await store().streamRevision(stream);
      const append = store().append(stream, newEvents(org, 2), { expectedRevision: expected });
      if (outcome === 'ok') {
        const result = await append;
        expect(result.written).toBe(2);
        expect(result.nextExpectedRevision).toBe((before ?? -1n) + 2n);
        expect(await store().streamRevision(stream)).toBe(result.nextExpectedRevision);
        const last = (await store().readStream(stream, { direction: 'backwards', maxCount: 1 }))[0]!;
        expect(last.position).toEqual(result.position);
      } else {
        const error = await wrongVersion(append);
        expect(error).toMatchObject({ stream, expected, actual: outcome, code: 'EVENT_STORE.WRONG_EXPECTED_VERSION' });
        expect(await store().streamRevision(stream)).toBe(before);
      }
    });
  });
}

function describeIdempotency(store: () => EventStore, options: ConformanceOptions): void {
  const anywhere = options.globalEventIds ? it : it.skip;
  describe('deterministic ids', () => {
    it('a re-append of stored events answers success, writes nothing, and $all has them once', async () => {
      const org = newOrg();
      const stream = streamName('idem', org, '1');
      const events = newEvents(org, 3);
      const first = await store().append(stream, events, { expectedRevision: 'no_stream' });
      await store().append(stream, newEvents(org, 1), { expectedRevision: 2n });
      const again = await store().append(stream, events, { expectedRevision: 'no_stream' });
      expect(again).toEqual({ written: 0, nextExpectedRevision: 3n, position: first.position });
      expect(await store().readStream(stream)).toHaveLength(4);
      const all = await readAllUntil(store(), { filter: { streamPrefixes: [`idem-${org}.`] }, expected: 4 });
      expect(ids(all)).toEqual([...ids(events), expect.any(String)]);
    });

    it.each([
      ['a new stream', 'no_stream' as const],
      ['an existing stream', 'any' as const],
    ])('concurrent re-appends of the same events to %s store them once', async (_, expectedRevision) => {
      const org = newOrg();
      const stream = streamName('idem', org, 'race');
      if (expectedRevision === 'any') await store().append(stream, newEvents(org, 1), { expectedRevision: 'no_stream' });
      const events = newEvents(org, 3);
      const results = await Promise.all(Array.from({ length: 8 }, () => store().append(stream, events, { expectedRevision })));
      const stored = await store().readStream(stream);
      expect(stored).toHaveLength(expectedRevision === 'any' ? 4 : 3);
      expect(ids(stored.slice(-3))).toEqual(ids(events));
      // EventStoreDB answers a duplicate it caught itself as a write: only exact counts where ids are global.
      if (options.globalEventIds) expect(results.map((r) => r.written).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 3]);
    });

    anywhere('a call that repeats stored events and adds new ones writes only the new ones', async () => {
      const org = newOrg();
      const stream = streamName('idem', org, '2');
      const [a, b, c] = newEvents(org, 3);
      await store().append(stream, [a!, b!], { expectedRevision: 'no_stream' });
      const result = await store().append(stream, [b!, c!], { expectedRevision: 1n });
      expect(result).toMatchObject({ written: 1, nextExpectedRevision: 2n });
      expect(ids(await store().readStream(stream))).toEqual(ids([a!, b!, c!]));
    });

    it('the same id with another payload or type is refused and writes nothing', async () => {
      const org = newOrg();
      const stream = streamName('idem', org, '3');
      const event = newEvent(org, 'ThingHappened', { amountMinor: 100 });
      await store().append(stream, [event], { expectedRevision: 'no_stream' });
      const attempts = [
        store().append(stream, [{ ...event, data: { amountMinor: 101 } }], { expectedRevision: 'any' }),
        store().append(stream, [{ ...event, type: 'OtherThing' }], { expectedRevision: 'no_stream' }),
      ];
      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdMismatch);
      expect(await store().streamRevision(stream)).toBe(0n);
    });

    anywhere('the same id in another stream, or anywhere in the stream, is refused and writes nothing', async () => {
      const org = newOrg();
      const stream = streamName('idem', org, '4');
      const event = newEvent(org, 'ThingHappened', { amountMinor: 100 });
      await store().append(stream, [event, newEvent(org)], { expectedRevision: 'no_stream' });
      const attempts = [
        store().append(streamName('idem', org, 'other'), [event], { expectedRevision: 'any' }),
        store().append(stream, [newEvent(org), { ...event, data: {} }], { expectedRevision: 1n }),
      ];
      for (const attempt of attempts) await expect(attempt).rejects.toBeInstanceOf(DuplicateEventIdMismatch);
      expect(await store().streamRevision(stream)).toBe(1n);
      expect(await store().streamRevision(streamName('idem', org, 'other'))).toBeNull();
    });
  });
}

function describeReads(store: () => EventStore): void {
  describe('reading streams', () => {
    let org: string;
    let stream: string;
    beforeAll(async () => {
      org = newOrg();
      stream = streamName('read', org, '1');
      // More than 10 events: revisions must sort as numbers (…, 9, 10, 11), never as text.
      await store().append(stream, newEvents(org, 12), { expectedRevision: 'no_stream' });
    });
    const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
      (await store().readStream(stream, options)).map((e) => Number(e.revision));

    it('reads forwards and backwards, from a revision, up to a count', async () => {
      expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(await revisions({ fromRevision: 7n })).toEqual([7, 8, 9, 10, 11]);
      expect(await revisions({ fromRevision: 2n, maxCount: 3 })).toEqual([2, 3, 4]);
      expect(await revisions({ direction: 'backwards', maxCount: 3 })).toEqual([11, 10, 9]);
      expect(await revisions({ direction: 'backwards', fromRevision: 4n })).toEqual([4, 3, 2, 1, 0]);
      expect(await revisions({ fromRevision: 12n })).toEqual([]);
    });

    it("reads a long stream's last event alone (a month tally is read only so: ADR 0009)", async () => {
      const org = newOrg();
      const long = streamName('read', org, 'long');
      const events = newEvents(org, 2_500);
      for (let i = 0; i < events.length; i += 1_000) {
        await store().append(long, events.slice(i, i + 1_000), { expectedRevision: i === 0 ? 'no_stream' : BigInt(i - 1) });
      }
      const last = await store().readStream(long, { direction: 'backwards', maxCount: 1 });
      expect(last.map((e) => [e.id, e.revision])).toEqual([[events.at(-1)!.id, 2_499n]]);
      expect(await store().readStream(streamName('read', org, 'none'), { direction: 'backwards', maxCount: 1 })).toEqual([]);
    });

    it('gives recorded events their stream, revision, position, metadata and record time', async () => {
      const events = await store().readStream(stream);
      expect(events[3]).toMatchObject({ stream, revision: 3n, type: 'ThingHappened', data: { n: 3 } });
      expect(events[3]!.metadata).toMatchObject({ org, schemaVersion: 1, occurredAt: '2026-01-01T00:00:00.000Z' });
      expect(Number.isNaN(Date.parse(events[3]!.recordedAt))).toBe(false);
      for (let i = 1; i < events.length; i++) expect(comparePositions(events[i - 1]!.position, events[i]!.position)).toBe(-1);
    });

    it('answers an unknown stream with nothing', async () => {
      expect(await store().readStream(streamName('read', org, 'unknown'))).toEqual([]);
      expect(await store().streamRevision(streamName('read', org, 'unknown'))).toBeNull();
    });

    it('reads several streams at once', async () => {
      const other = streamName('read', org, '2');
      await store().append(other, newEvents(org, 2), { expectedRevision: 'no_stream' });
      const unknown = streamName('read', org, 'unknown');
      const result = await store().readStreams([stream, other, unknown]);
      expect([...result.keys()].sort()).toEqual([stream, other, unknown].sort());
      expect(result.get(stream)!.map((e) => Number(e.revision))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(result.get(other)!.map((e) => e.stream)).toEqual([other, other]);
      expect(result.get(unknown)).toEqual([]);
    });

    // On PostgreSQL the head only moves past an event once older transactions have ended: poll.
    it('reports the head of $all at or after the last append', async () => {
      const result = await store().append(stream, newEvents(org, 1), { expectedRevision: 'any' });
      const deadline = Date.now() + 15_000;
      let head = await store().headPosition();
      while (head !== null && comparePositions(head, result.position) < 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        head = await store().headPosition();
      }
      expect(comparePositions(head!, result.position)).toBeGreaterThanOrEqual(0);
    });
  });
}

function describeAppendMany(store: () => EventStore, options: ConformanceOptions): void {
  describe('appendMany', () => {
    it('appends to several streams and answers per stream, in call order', async () => {
      const org = newOrg();
      const [a, b] = [streamName('many', org, 'a'), streamName('many', org, 'b')];
      await store().append(b, newEvents(org, 2), { expectedRevision: 'no_stream' });
      const results = await store().appendMany([
        { stream: a, expectedRevision: 'no_stream', events: newEvents(org, 3) },
        { stream: b, expectedRevision: 1n, events: newEvents(org, 1) },
      ]);
      expect(results.map((r) => [r.written, r.nextExpectedRevision])).toEqual([[3, 2n], [1, 2n]]);
      expect(await store().streamRevision(a)).toBe(2n);
    });

    (options.atomicAppendMany ? it : it.skip)('writes nothing when one stream has the wrong revision', async () => {
      const org = newOrg();
      const [a, b] = [streamName('many', org, 'a'), streamName('many', org, 'b')];
      await store().append(b, newEvents(org, 2), { expectedRevision: 'no_stream' });
      const error = await wrongVersion(
        store().appendMany([
          { stream: a, expectedRevision: 'no_stream', events: newEvents(org, 3) },
          { stream: b, expectedRevision: 5n, events: newEvents(org, 1) },
        ]),
      );
      expect(error).toMatchObject({ stream: b, expected: 5n, actual: 1n });
      expect(await store().streamRevision(a)).toBeNull();
      expect(await store().streamRevision(b)).toBe(1n);
    });
  });
}
