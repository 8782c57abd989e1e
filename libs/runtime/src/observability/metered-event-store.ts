import type { AppendResult, EventStore, StreamAppend } from '@ledger/event-store';
import type { Metrics } from './metrics';

/**
 * The event store as the app sees it: the real adapter plus an append-rate counter per stream
 * category. Everything else passes straight through.
 */
export function meteredEventStore(inner: EventStore, metrics: Metrics): EventStore {
  const count = (stream: string, result: AppendResult) => {
    if (result.written > 0) metrics.eventsAppended.inc({ category: categoryOf(stream) }, result.written);
  };
  return {
    async append(stream, events, options) {
      const result = await inner.append(stream, events, options);
      count(stream, result);
      return result;
    },
    async appendMany(appends: StreamAppend[]) {
      const results = await inner.appendMany(appends);
      results.forEach((result, i) => count(appends[i]!.stream, result));
      return results;
    },
    readStream: (stream, options) => inner.readStream(stream, options),
    readStreams: (streams) => inner.readStreams(streams),
    streamRevision: (stream) => inner.streamRevision(stream),
    readAll: (options) => inner.readAll(options),
    followAll: (options) => inner.followAll(options),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
}

function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash > 0 ? stream.slice(0, dash) : stream;
}
