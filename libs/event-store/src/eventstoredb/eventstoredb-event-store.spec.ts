// Proves EventStoreDbEventStore meets the EventStore contract: the conformance suite against the EventStoreDB at EVENTSTOREDB_URL.
import { describeEventStoreConformance } from '../conformance/event-store.conformance';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const url = process.env.EVENTSTOREDB_URL;

if (url) {
  describeEventStoreConformance(
    'eventstoredb',
    async () => ({ store: await EventStoreDbEventStore.connect(url), cleanup: async () => undefined }),
    // EventStoreDB has no multi-stream transaction and no global index of event ids.
    { atomicAppendMany: false, globalEventIds: false },
  );
} else {
  describe.skip('EventStore conformance: eventstoredb — skipped: EVENTSTOREDB_URL is not set (e.g. esdb://localhost:2113?tls=false)', () => {
    it('runs the conformance suite against a real EventStoreDB', () => undefined);
  });
}
