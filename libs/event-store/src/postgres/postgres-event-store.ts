import { DatabaseError, type Pool, type QueryConfig } from 'pg';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { DuplicateEventIdMismatch, WrongExpectedVersion } from '../errors';
import {
  comparePositions,
  type AllFilter,
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
import { headQuery, pageQuery, pageWithHeadQuery } from './all-queries';
import { prepareAppends } from '../append-batch';
import { EVENT_COLUMNS, toPosition, toRecordedEvent, type EventRow } from './rows';
import { abortableDelay } from '../abortable-delay';

// es_append (migration 2026-11-21T18-20-event-store) does the whole append, for any
// number of streams, in one round trip and one transaction.
const APPEND = `
  SELECT r_stream, r_revision::text AS r_revision, r_commit::text AS r_commit,
         r_prepare::text AS r_prepare, r_written
  FROM es_append($1::text[], $2::text[], $3::jsonb)`;

// One stream (every command, a checkout's touch): the same contract in a function whose plans can
// be cached (migration 2026-11-21T21-00), as a named statement parsed once per connection.
const APPEND_ONE = {
  name: 'es_append_one',
  text: `
  SELECT r_stream, r_revision::text AS r_revision, r_commit::text AS r_commit,
         r_prepare::text AS r_prepare, r_written
  FROM es_append_one($1::text, $2::text, $3::jsonb)`,
};

// es_append asks for the call to run again, in a new transaction, when its ordering guard fires
// (40001) or when a concurrent call created the same stream or stored the same id first (23505);
// a deadlock (40P01) needs two calls creating the same new streams at once. Nothing was written.
const RETRY_CODES = new Set(['40001', '23505', '40P01']);
const APPEND_ATTEMPTS = 10;
const MAX_REVISION = '9223372036854775807';

export interface PostgresEventStoreOptions {
  /**
   * Calls with one stream go to es_append_one (ADR 0006); default true. False sends every call to
   * es_append: the conformance suite runs both ways, so both functions keep one contract.
   */
  oneStreamFunction?: boolean;
}

interface AppendRow {
  r_stream: string;
  r_revision: string | null;
  r_commit: string | null;
  r_prepare: string | null;
  r_written: number;
}

/**
 * The event store on PostgreSQL (ADR 0001). Every call is one statement in its own
 * transaction, so no connection ever sits idle in a transaction. The pool belongs to the
 * caller: close() stops this store's followers and leaves the pool open.
 */
export class PostgresEventStore implements EventStore {
  private readonly closing = new AbortController();

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {}

  async append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, expectedRevision: options.expectedRevision, events }]);
    return result!;
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    if (appends.length === 0) return [];
    const prepared = prepareAppends(appends);
    const query = appendQuery(prepared, this.options.oneStreamFunction ?? true);
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<AppendRow>(query);
        return rows.map(toAppendResult);
      } catch (error) {
        if (!(error instanceof DatabaseError && RETRY_CODES.has(error.code ?? '') && attempt < APPEND_ATTEMPTS)) {
          throw appendError(error, prepared);
        }
        // Writers that keep colliding on the same streams take turns after a random pause.
        if (attempt > 1) await abortableDelay(Math.random() * attempt * 2, this.closing.signal);
      }
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const maxCount = readCount(options.maxCount);
    const from = options.fromRevision ?? (backwards ? MAX_REVISION : 0n);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_event
       WHERE stream_name = $1 AND revision ${backwards ? '<=' : '>='} $2::bigint
       ORDER BY es_event.revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [stream, String(from), maxCount.limit],
    );
    return maxCount.check(rows, stream).map(toRecordedEvent);
  }

  async readStreams(streams: string[]): Promise<Map<string, RecordedEvent[]>> {
    this.assertOpen();
    const result = new Map<string, RecordedEvent[]>(streams.map((s) => [s, []]));
    if (streams.length === 0) return result;
    const maxCount = readCount(undefined);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_event WHERE stream_name = ANY ($1::text[])
       ORDER BY es_event.stream_name, es_event.revision LIMIT $2`,
      [[...result.keys()], maxCount.limit],
    );
    for (const row of maxCount.check(rows, streams.join(', '))) result.get(row.stream_name)!.push(toRecordedEvent(row));
    return result;
  }

  async streamRevision(stream: string): Promise<bigint | null> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ revision: string }>(
      'SELECT revision::text AS revision FROM es_stream WHERE stream_name = $1 AND revision >= 0',
      [stream],
    );
    return rows[0] ? BigInt(rows[0].revision) : null;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (matchesNothing(options.filter)) return [];
    const { rows } = await this.pool.query<EventRow>(pageQuery(options.after ?? null, allCount(options.maxCount), options.filter));
    return rows.map(toRecordedEvent);
  }

  async *followAll(options: FollowAllOptions): AsyncIterable<RecordedEvent[]> {
    const batchSize = allCount(options.batchSize ?? LIMITS.eventStore.readBatchEvents);
    const signal = AbortSignal.any([options.signal, this.closing.signal]);
    let after = options.after ?? null;
    while (!signal.aborted) {
      const { events, head } = await this.page(after, batchSize, options.filter);
      if (events.length > 0) {
        after = events[events.length - 1]!.position;
        yield events;
      }
      if (events.length < batchSize) {
        // Caught up. A filtered page scanned everything up to the head: skip past it.
        if (head !== null && (after === null || comparePositions(head, after) > 0)) after = head;
        await abortableDelay(options.pollMs ?? LIMITS.eventStore.followPollMs, signal);
      }
    }
  }

  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ head_commit: string; head_prepare: string }>(headQuery);
    return rows[0] ? toPosition(rows[0].head_commit, rows[0].head_prepare) : null;
  }

  async close(): Promise<void> {
    this.closing.abort();
  }

  /** A page of $all; for a filtered read also the head, read under the same snapshot. */
  private async page(after: Position | null, maxCount: number, filter: AllFilter | undefined) {
    this.assertOpen();
    if (filter === undefined) return { events: await this.readAll({ after, maxCount }), head: null };
    if (matchesNothing(filter)) return { events: [], head: await this.headPosition() };
    const { rows } = await this.pool.query<EventRow & { head_commit: string; head_prepare: string }>(
      pageWithHeadQuery(after, maxCount, filter),
    );
    const events = rows.filter((r) => r.id !== null).map(toRecordedEvent);
    return { events, head: rows[0] ? toPosition(rows[0].head_commit, rows[0].head_prepare) : null };
  }

  private assertOpen(): void {
    if (this.closing.signal.aborted) throw new Error('PostgresEventStore is closed');
  }
}

function appendQuery(appends: StreamAppend[], oneStreamFunction: boolean): QueryConfig {
  const events = JSON.stringify(
    appends.flatMap((a) => a.events.map((e) => ({ stream: a.stream, id: e.id, type: e.type, data: e.data, metadata: e.metadata }))),
  );
  const [only] = appends;
  if (oneStreamFunction && appends.length === 1 && only) return { ...APPEND_ONE, values: [only.stream, String(only.expectedRevision), events] };
  return { text: APPEND, values: [appends.map((a) => a.stream), appends.map((a) => String(a.expectedRevision)), events] };
}

function toAppendResult(row: AppendRow): AppendResult {
  return {
    // -1: a pure revision check (no events) on a stream that does not exist.
    nextExpectedRevision: row.r_revision === null ? -1n : BigInt(row.r_revision),
    position: toPosition(row.r_commit, row.r_prepare) ?? { commit: 0n, prepare: 0n },
    written: row.r_written,
  };
}

function appendError(error: unknown, appends: StreamAppend[]): unknown {
  if (!(error instanceof DatabaseError)) return error;
  if (error.code === 'ESWEV') {
    const { stream, actual } = JSON.parse(error.detail ?? '{}') as { stream: string; actual: string | null };
    const expected = appends.find((a) => a.stream === stream)!.expectedRevision;
    return new WrongExpectedVersion(stream, expected, actual === null ? null : BigInt(actual));
  }
  if (error.code !== 'ESDUP' || error.detail === undefined) return error;
  const id = error.detail;
  const stream = appends.find((a) => a.events.some((e) => e.id.toLowerCase() === id.toLowerCase()))?.stream ?? '?';
  return new DuplicateEventIdMismatch(id, stream);
}

/** An empty allow-list matches nothing (it is not "no filter"). */
function matchesNothing(filter: AllFilter | undefined): boolean {
  return filter?.streamPrefixes?.length === 0 || filter?.eventTypes?.length === 0;
}

function allCount(maxCount: number): number {
  const max = LIMITS.eventStore.streamReadMaxEvents;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1 || maxCount > max) {
    throw new ValidationFailed([{ field: 'maxCount', problem: `must be an integer from 1 to ${max}` }]);
  }
  return maxCount;
}

/**
 * Stream reads are bounded by LIMITS.eventStore.streamReadMaxEvents. Without a maxCount the
 * caller means "the whole stream": one over the limit is a failure, never a silent truncation
 * (a decider must not decide on half a history).
 */
function readCount(maxCount: number | undefined) {
  const max = LIMITS.eventStore.streamReadMaxEvents;
  if (maxCount !== undefined) {
    const limit = allCount(maxCount);
    return { limit, check: <T>(rows: T[]) => rows };
  }
  return {
    limit: max + 1,
    check: <T>(rows: T[], what: string): T[] => {
      if (rows.length > max) throw new Error(`${what}: more than ${max} events; read with maxCount and fromRevision`);
      return rows;
    },
  };
}

