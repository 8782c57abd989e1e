import { isDeepStrictEqual } from 'node:util';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  ReadStreamOptions as EsdbReadStreamOptions,
} from '@eventstore/db-client';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { DuplicateEventIdMismatch, WrongExpectedVersion } from '../errors';
import {
  comparePositions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type FollowAllOptions,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
} from '../event-store.port';
import { prepareAppends } from '../append-batch';
import { fromResolved, matches, serverFilter, toEsdbExpected, toEventData, type EsdbModule } from './esdb-mapping';

/**
 * The event store on EventStoreDB (ADR 0001), through @eventstore/db-client.
 * - append: explicit expected revision; deterministic ids are checked where a retry would have
 *   put them (EventStoreDB's own idempotency is only sure for explicit revisions).
 * - appendMany: one append per stream, in order. NOT atomic across streams: EventStoreDB has
 *   no multi-stream transaction; a failure leaves the earlier streams appended.
 * - readAll: paged reads of $all, filtered here; followAll: a catch-up subscription to $all
 *   with a server-side filter (never a persistent subscription: it does not keep order).
 */
export class EventStoreDbEventStore implements EventStore {
  constructor(
    private readonly esdb: EsdbModule,
    private readonly client: EventStoreDBClient,
  ) {}

  /** Connects with e.g. `esdb://localhost:2113?tls=false`; the store owns (and closes) the client. */
  static async connect(url: string): Promise<EventStoreDbEventStore> {
    // Loaded here, not at the top: importing @ledger/event-store must not load gRPC. require,
    // not import(): jest runs specs in a vm where a native dynamic import is not available.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esdb = require('@eventstore/db-client') as EsdbModule;
    return new EventStoreDbEventStore(esdb, esdb.EventStoreDBClient.connectionString(url));
  }

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const [prepared] = prepareAppends([{ stream, expectedRevision: options.expectedRevision, events }]);
    return this.appendOne(prepared!);
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    const results: AppendResult[] = [];
    for (const a of prepareAppends(appends)) results.push(await this.appendOne(a));
    return results;
  }

  private async appendOne({ stream, expectedRevision, events }: StreamAppend): Promise<AppendResult> {
    const stored = await this.storedAtRetryPosition(stream, expectedRevision, events);
    if (stored.length === events.length && events.length > 0) {
      return { written: 0, nextExpectedRevision: (await this.streamRevision(stream))!, position: stored.at(-1)!.position };
    }
    // The call repeats an earlier append and adds events: append the new ones right after it.
    const expected = stored.length > 0 ? stored.at(-1)!.revision : expectedRevision;
    try {
      const result = await this.client.appendToStream(stream, events.slice(stored.length).map(toEventData), {
        expectedRevision: toEsdbExpected(expected),
      });
      return {
        written: events.length - stored.length,
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position ?? { commit: 0n, prepare: 0n },
      };
    } catch (error) {
      if (!(error instanceof this.esdb.WrongExpectedVersionError)) throw error;
      const actual = error.actualVersion === 'no_stream' ? null : error.actualVersion;
      throw new WrongExpectedVersion(stream, expectedRevision, actual);
    }
  }

  /**
   * The events of this call already in the stream where an earlier attempt of the same call
   * would have put them (right after the expected revision; the stream's end for any /
   * stream_exists), as a prefix of the call. The same id with other content is refused.
   */
  private async storedAtRetryPosition(stream: string, expected: ExpectedRevision, events: NewEvent[]): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    const candidates =
      typeof expected === 'bigint' || expected === 'no_stream'
        ? await this.read(stream, { fromRevision: expected === 'no_stream' ? 0n : expected + 1n, maxCount: events.length })
        : (await this.read(stream, { direction: 'backwards', fromRevision: 'end', maxCount: events.length })).reverse();
    const byId = new Map(candidates.map((e) => [e.id, e]));
    const stored: RecordedEvent[] = [];
    events.forEach((event, i) => {
      const found = byId.get(event.id);
      if (found && (found.type !== event.type || !isDeepStrictEqual(found.data, event.data))) {
        throw new DuplicateEventIdMismatch(event.id, stream);
      }
      if (found && stored.length === i) stored.push(found);
    });
    return stored;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const max = LIMITS.eventStore.streamReadMaxEvents;
    const maxCount = options.maxCount ?? max + 1;
    if (options.maxCount !== undefined) checkCount(options.maxCount);
    const events = await this.read(stream, {
      direction: backwards ? 'backwards' : 'forwards',
      fromRevision: options.fromRevision ?? (backwards ? 'end' : 'start'),
      maxCount,
    });
    if (events.length > max) throw new Error(`${stream}: more than ${max} events; read with maxCount and fromRevision`);
    return events;
  }

  async readStreams(streams: string[]): Promise<Map<string, RecordedEvent[]>> {
    // No multi-stream read in EventStoreDB: one read per stream, concurrently.
    const unique = [...new Set(streams)];
    const results = await Promise.all(unique.map((s) => this.readStream(s)));
    return new Map(unique.map((s, i) => [s, results[i]!]));
  }

  async streamRevision(stream: string): Promise<bigint | null> {
    const [last] = await this.read(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
    return last?.revision ?? null;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    checkCount(options.maxCount);
    if (options.filter?.streamPrefixes?.length === 0 || options.filter?.eventTypes?.length === 0) return [];
    // readAll has no server-side filter in this client: read pages of $all and filter here.
    const pageSize = LIMITS.eventStore.readBatchEvents;
    const found: RecordedEvent[] = [];
    let cursor = options.after ?? null;
    for (;;) {
      let read = 0;
      let last: Position | null = null;
      for await (const resolved of this.client.readAll({ fromPosition: cursor ?? 'start', maxCount: pageSize })) {
        read++;
        const position = resolved.event?.position;
        // fromPosition is inclusive: skip what the previous page (or the caller) has seen.
        if (!position || (cursor && comparePositions(position, cursor) <= 0)) continue;
        last = position;
        const event = fromResolved(resolved);
        if (event && matches(event, options.filter)) found.push(event);
        if (found.length === options.maxCount) return found;
      }
      if (read < pageSize || last === null) return found;
      cursor = last;
    }
  }

  async *followAll(options: FollowAllOptions): AsyncIterable<RecordedEvent[]> {
    const batchSize = checkCount(options.batchSize ?? LIMITS.eventStore.readBatchEvents);
    if (options.filter?.streamPrefixes?.length === 0 || options.filter?.eventTypes?.length === 0) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after ?? 'start',
      filter: serverFilter(this.esdb, options.filter),
    });
    let failure: unknown = null;
    subscription.on('error', (error) => (failure ??= error)); // an unheard 'error' would crash the process
    try {
      while (!options.signal.aborted) {
        if (failure) throw failure;
        // Take what has arrived, at most a batch. The subscription's own buffer bounds memory
        // and stops reading from the server while we are busy.
        const batch: RecordedEvent[] = [];
        while (batch.length < batchSize) {
          const item = subscription.read() as AllStreamResolvedEvent | null;
          if (item === null) break;
          const event = fromResolved(item);
          const seen = event && options.after && comparePositions(event.position, options.after) <= 0;
          if (event && !seen && matches(event, options.filter)) batch.push(event);
        }
        if (batch.length > 0) yield batch;
        else if (subscription.readableEnded || subscription.destroyed) return;
        else await readable(subscription, options.signal);
      }
    } finally {
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  async headPosition(): Promise<Position | null> {
    for await (const resolved of this.client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) {
      return resolved.event?.position ?? null;
    }
    return null;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async read(stream: string, options: EsdbReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) {
        const event = fromResolved(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof this.esdb.StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }
}

function checkCount(maxCount: number): number {
  const max = LIMITS.eventStore.streamReadMaxEvents;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1 || maxCount > max) {
    throw new ValidationFailed([{ field: 'maxCount', problem: `must be an integer from 1 to ${max}` }]);
  }
  return maxCount;
}

/** Resolves when the stream has data, ends, fails or the signal aborts (the caller looks which). */
function readable(stream: AllStreamSubscription, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const events = ['readable', 'end', 'close', 'error'] as const;
    const done = () => {
      for (const e of events) stream.removeListener(e, done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    for (const e of events) stream.once(e, done);
    signal.addEventListener('abort', done, { once: true });
    if (signal.aborted || stream.destroyed) done();
  });
}
