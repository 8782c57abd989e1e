import { WrongExpectedVersion } from '../errors';
import { comparePositions, type EventStore, type ExpectedRevision, type RecordedEvent } from '../event-store.port';
import { streamName } from '../stream-name';
import { ids, newEvents, newOrg, readAllUntil } from './fixtures';

// ARCHITECTURE rule 4: 8 concurrent writers, a follower of $all that must see every event
// exactly once, each stream in revision order; and a reader resuming from a checkpoint.
const WRITERS = 8;
const ROUNDS = 50; // 10 events a round: 500 per writer
const TOTAL = WRITERS * ROUNDS * 10;
const COUNTER_APPENDS = WRITERS * Math.floor(ROUNDS / 3);

export function describeConcurrency(store: () => EventStore): void {
  describe('concurrent writers', () => {
    it('concurrent: a follower of $all sees every event once, each stream in revision order; a resumed reader sees exactly the rest', async () => {
      const org = newOrg();
      const start = await store().headPosition();
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const follower = (async () => {
        for await (const batch of store().followAll({ after: start, batchSize: 97, signal: controller.signal })) {
          seen.push(...batch.filter((e) => e.metadata.org === org));
          if (seen.length >= TOTAL) controller.abort();
        }
      })();
      const deadline = setTimeout(() => controller.abort(), 60_000);

      const written = (await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(store(), org, w)))).flat();
      await follower;
      clearTimeout(deadline);

      // Exactly once: every written id, no other, no repeat.
      expect(seen).toHaveLength(TOTAL);
      expect(new Set(ids(seen)).size).toBe(TOTAL);
      expect(new Set(ids(seen))).toEqual(new Set(written));
      // $all order is a total order, and within each stream it is the revision order.
      for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBe(-1);
      const revisions = new Map<string, bigint[]>();
      for (const e of seen) revisions.set(e.stream, [...(revisions.get(e.stream) ?? []), e.revision]);
      for (const [stream, list] of revisions) {
        expect({ stream, list }).toEqual({ stream, list: list.map((_, i) => BigInt(i)) });
        expect(await store().streamRevision(stream)).toBe(BigInt(list.length - 1));
      }
      // Optimistic concurrency lost no update on the contended counter stream.
      expect(revisions.get(streamName('counter', org, 'all'))).toHaveLength(COUNTER_APPENDS);

      // A reader resuming from a checkpoint in the middle sees exactly the rest.
      const cut = Math.floor(TOTAL / 3);
      const rest = await readAllUntil(store(), {
        after: seen[cut - 1]!.position,
        filter: { streamPrefixes: [`own-${org}.`, `shared-${org}.`, `counter-${org}.`] },
        expected: TOTAL - cut,
        pageSize: 250,
      });
      expect(ids(rest)).toEqual(ids(seen.slice(cut)));
    });
  });
}

/** Writes 500 events: to its own stream (exact revisions), a shared one (any) and a counter (retry on conflict). */
async function writer(store: EventStore, org: string, w: number): Promise<string[]> {
  const own = streamName('own', org, `w${w}`);
  const shared = streamName('shared', org, 'all');
  const written: string[] = [];
  let ownRevision: ExpectedRevision = 'no_stream';
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 3 === 0) {
      const events = newEvents(org, 10);
      ownRevision = (await store.append(own, events, { expectedRevision: ownRevision })).nextExpectedRevision;
      written.push(...ids(events));
    } else if (round % 3 === 1) {
      const [mine, ours] = [newEvents(org, 5), newEvents(org, 5)];
      const [result] = await store.appendMany([
        { stream: own, expectedRevision: ownRevision, events: mine },
        { stream: shared, expectedRevision: 'any', events: ours },
      ]);
      ownRevision = result!.nextExpectedRevision;
      written.push(...ids(mine), ...ids(ours));
    } else {
      const events = newEvents(org, 9);
      ownRevision = (await store.append(own, events, { expectedRevision: ownRevision })).nextExpectedRevision;
      written.push(...ids(events), await incrementCounter(store, org));
    }
  }
  return written;
}

async function incrementCounter(store: EventStore, org: string): Promise<string> {
  const counter = streamName('counter', org, 'all');
  const [event] = newEvents(org, 1, 'CounterIncremented');
  for (let attempt = 0; attempt < 1_000; attempt++) {
    const revision = await store.streamRevision(counter);
    try {
      await store.append(counter, [event!], { expectedRevision: revision ?? 'no_stream' });
      return event!.id;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
    }
  }
  throw new Error('counter: too many conflicts');
}
