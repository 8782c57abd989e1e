import type { EventStore, Position, RecordedEvent } from '../event-store.port';
import { streamName } from '../stream-name';
import { newEvents, newOrg, readAllUntil } from './fixtures';

// $all filters: stream-name prefixes and event types, in readAll and followAll.
export function describeFilters(store: () => EventStore): void {
  describe('$all filters', () => {
    let org: string;
    let start: Position | null;
    const key = (e: RecordedEvent) => `${e.stream.split('-')[0]}:${e.type}`;

    beforeAll(async () => {
      org = newOrg();
      start = await store().headPosition();
      await store().appendMany([
        { stream: streamName('fa', org, '1'), expectedRevision: 'no_stream', events: newEvents(org, 2, 'Opened') },
        { stream: streamName('fb', org, '1'), expectedRevision: 'no_stream', events: newEvents(org, 3, 'Opened') },
      ]);
      await store().append(streamName('fa', org, '2'), newEvents(org, 4, 'Closed'), { expectedRevision: 'no_stream' });
    });

    it('filters by stream prefix', async () => {
      const events = await readAllUntil(store(), { after: start, filter: { streamPrefixes: [`fa-${org}.`] }, expected: 6 });
      expect(events.map(key)).toEqual([...Array(2).fill('fa:Opened'), ...Array(4).fill('fa:Closed')]);
      const both = await readAllUntil(store(), {
        after: start,
        filter: { streamPrefixes: [`fa-${org}.1`, `fb-${org}.`] },
        expected: 5,
      });
      expect(both.map(key).sort()).toEqual([...Array(2).fill('fa:Opened'), ...Array(3).fill('fb:Opened')]);
    });

    it('filters by event type, and by both', async () => {
      const prefixes = [`fa-${org}.`, `fb-${org}.`];
      const closed = await readAllUntil(store(), { after: start, filter: { streamPrefixes: prefixes, eventTypes: ['Closed'] }, expected: 4 });
      expect(closed.map(key)).toEqual(Array(4).fill('fa:Closed'));
      const opened = await readAllUntil(store(), { after: start, filter: { streamPrefixes: [`fb-${org}.`], eventTypes: ['Opened'] }, expected: 3 });
      expect(opened.map(key)).toEqual(Array(3).fill('fb:Opened'));
    });

    it('treats an empty allow-list as matching nothing', async () => {
      await readAllUntil(store(), { after: start, filter: { streamPrefixes: [`fa-${org}.`] }, expected: 6 });
      expect(await store().readAll({ after: start, maxCount: 100, filter: { streamPrefixes: [] } })).toEqual([]);
      expect(await store().readAll({ after: start, maxCount: 100, filter: { eventTypes: [] } })).toEqual([]);
    });

    it('follows $all with a filter, and keeps up with later appends', async () => {
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const timer = setTimeout(() => controller.abort(), 15_000);
      const follow = (async () => {
        const filter = { streamPrefixes: [`fa-${org}.`], eventTypes: ['Closed'] };
        for await (const batch of store().followAll({ after: start, filter, batchSize: 3, signal: controller.signal })) {
          seen.push(...batch);
          if (seen.length === 4) await store().append(streamName('fa', org, '2'), newEvents(org, 2, 'Closed'), { expectedRevision: 3n });
          if (seen.length >= 6) controller.abort();
        }
      })();
      await follow;
      clearTimeout(timer);
      expect(seen.map(key)).toEqual(Array(6).fill('fa:Closed'));
      expect(seen.map((e) => Number(e.revision))).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });
}
