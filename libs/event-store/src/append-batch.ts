import { LIMITS, ValidationFailed, isUuid } from '@ledger/kernel';
import { DuplicateEventIdMismatch } from './errors';
import type { ExpectedRevision, NewEvent, StreamAppend } from './event-store.port';
import { parseStreamName } from './stream-name';

/**
 * Checks a call to appendMany before it reaches a store, and drops an event repeated within the
 * call (same id, same content: a duplicate inside one SCM delivery); the same id with other
 * content, or the same stream twice, is refused. Adapters get one clean list.
 */
export function prepareAppends(appends: StreamAppend[]): StreamAppend[] {
  const streams = new Set<string>();
  const seen = new Map<string, { stream: string; content: string }>();
  let total = 0;
  const prepared = appends.map((a, i) => {
    parseStreamName(a.stream); // throws InvalidStreamName
    if (streams.has(a.stream)) {
      throw new ValidationFailed([{ field: `appends[${i}].stream`, problem: 'the same stream appears twice in one call' }]);
    }
    streams.add(a.stream);
    checkExpected(a.expectedRevision, i);
    const events: NewEvent[] = [];
    a.events.forEach((e, j) => {
      if (!isUuid(e.id)) throw new ValidationFailed([{ field: `appends[${i}].events[${j}].id`, problem: 'must be a UUID' }]);
      const content = JSON.stringify([e.type, e.data]);
      const earlier = seen.get(e.id.toLowerCase());
      if (earlier === undefined) {
        seen.set(e.id.toLowerCase(), { stream: a.stream, content });
        events.push(e);
      } else if (earlier.stream !== a.stream || earlier.content !== content) {
        throw new DuplicateEventIdMismatch(e.id, a.stream);
      }
    });
    total += events.length;
    return { stream: a.stream, expectedRevision: a.expectedRevision, events };
  });
  if (total > LIMITS.eventStore.appendBatchEvents) {
    throw new ValidationFailed([
      { field: 'events', problem: `at most ${LIMITS.eventStore.appendBatchEvents} events per call (got ${total})` },
    ]);
  }
  return prepared;
}

function checkExpected(expected: ExpectedRevision, i: number): void {
  if (typeof expected === 'bigint' ? expected < 0n : !['any', 'no_stream', 'stream_exists'].includes(expected)) {
    throw new ValidationFailed([{ field: `appends[${i}].expectedRevision`, problem: `invalid: ${String(expected)}` }]);
  }
}
