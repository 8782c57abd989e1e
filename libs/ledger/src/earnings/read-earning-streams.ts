// Reads earning streams in bounded round trips: each stream holds at most
// LIMITS.ledger.earningStreamEventsMax events, so LIMITS.ledger.earningStreamsPerRead of them always fit
// in one read the store accepts (LIMITS.eventStore.streamReadMaxEvents), however busy an earning got.
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { assert, LIMITS } from '@ledger/kernel';

assert(
  LIMITS.ledger.earningStreamsPerRead * LIMITS.ledger.earningStreamEventsMax <= LIMITS.eventStore.streamReadMaxEvents,
  'a read of earningStreamsPerRead full earning streams fits in one store read',
);

/** Round trips in flight at once. */
const PARALLEL_READS = 4;

export async function readEarningStreams(store: EventStore, streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
  const chunks: string[][] = [];
  for (let i = 0; i < streams.length; i += LIMITS.ledger.earningStreamsPerRead) chunks.push(streams.slice(i, i + LIMITS.ledger.earningStreamsPerRead));
  const read = new Map<string, RecordedEvent[]>();
  for (let i = 0; i < chunks.length; i += PARALLEL_READS) {
    for (const part of await Promise.all(chunks.slice(i, i + PARALLEL_READS).map((chunk) => store.readStreams(chunk)))) {
      for (const [stream, events] of part) {
        assert(events.length <= LIMITS.ledger.earningStreamEventsMax, `earning stream ${stream} holds ${events.length} events, past its bound`);
        read.set(stream, events);
      }
    }
  }
  return read;
}
