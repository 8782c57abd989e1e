import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { formatPosition, type EventStore, type Position, type RecordedEvent } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { OPEN_STATUSES, type ParkedEventPartialDB, type ParkedEventTable, type ParkedKind, type ParkedStatus } from './parked-event.table';

// The parking store: what projections, process managers and the NATS consumer record when they
// cannot process one event, and what operators list, retry and skip (ADR 0010). Plain functions
// over kysely, no framework: every consumer and the CLI use the same ones.

type Db = Kysely<ParkedEventPartialDB> | Transaction<ParkedEventPartialDB>;

export interface ParkEntry {
  consumer: string;
  org: string;
  stream: string;
  revision: bigint | null;
  position: Position | null;
  eventId: string;
  eventType: string;
  kind: ParkedKind;
  errorCode: string | null;
  errorMessage: string;
  /** Where the payload is when it is not in the event store (a NATS message: stream, subject, sequence). */
  source?: Record<string, unknown>;
}

export interface ParkedEvent {
  id: string;
  consumer: string;
  org: string;
  stream: string;
  revision: bigint | null;
  position: Position | null;
  eventId: string;
  eventType: string;
  kind: ParkedKind;
  status: ParkedStatus;
  errorCode: string | null;
  errorMessage: string;
  source: Record<string, unknown> | null;
  attempts: number;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
  skippedBy: string | null;
  skipReason: string | null;
}

/** An entry for `event` of the event store, failed (or refused) with `error`, or blocked behind an earlier one. */
export function parkEntryOf(consumer: string, event: RecordedEvent, kind: ParkedKind, error: unknown): ParkEntry {
  return {
    consumer,
    org: typeof event.metadata?.org === 'string' ? event.metadata.org : orgOfStream(event.stream),
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    eventId: event.id,
    eventType: event.type,
    kind,
    ...errorOf(error),
  };
}

/** The code and message we keep of an error (no stack: the log line has it). */
export function errorOf(error: unknown): { errorCode: string | null; errorMessage: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { errorCode: typeof code === 'string' ? code : null, errorMessage: message.slice(0, LIMITS.parking.errorChars) };
}

/**
 * Records the entries; an event parked before (a replayed batch, a failed retry) gets its row
 * updated: parked again, attempts + 1. A skipped row stays skipped: the operator decided.
 */
export async function park(db: Db, entries: readonly ParkEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('parked_event')
    .values(
      entries.map((e) => ({
        consumer: e.consumer,
        org: e.org,
        stream: e.stream,
        stream_revision: e.revision === null ? null : e.revision.toString(),
        commit_position: e.position ? e.position.commit.toString() : null,
        prepare_position: e.position ? e.position.prepare.toString() : null,
        event_id: e.eventId,
        event_type: e.eventType,
        kind: e.kind,
        error_code: e.errorCode,
        error_message: e.errorMessage,
        source: e.source ? JSON.stringify(e.source) : null,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['consumer', 'event_id'])
        .doUpdateSet({
          kind: (eb) => eb.ref('excluded.kind'),
          status: 'parked',
          error_code: (eb) => eb.ref('excluded.error_code'),
          error_message: (eb) => eb.ref('excluded.error_message'),
          attempts: sql<number>`parked_event.attempts + 1`,
          last_seen: sql<string>`now()`,
          resolved_at: null,
        })
        .where('parked_event.status', '<>', 'skipped'),
    )
    .execute();
}

export interface OpenCount {
  consumer: string;
  /** Rows parked or waiting for their retry. */
  open: number;
  /** Of those, rows an operator asked to retry. */
  retries: number;
}

/** Open rows per consumer (all consumers, or those named); consumers with none are absent. */
export async function openCounts(db: Db, consumers?: readonly string[]): Promise<Map<string, OpenCount>> {
  if (consumers && consumers.length === 0) return new Map();
  let query = db
    .selectFrom('parked_event')
    .select(['consumer', sql<number>`count(*)::int`.as('open'), sql<number>`(count(*) filter (where status = 'retry_requested'))::int`.as('retries')])
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('consumer')
    .limit(LIMITS.parking.consumersShown);
  if (consumers) query = query.where('consumer', 'in', [...consumers]);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.consumer, { consumer: r.consumer, open: r.open, retries: r.retries }]));
}

/** Of `streams`, those with an open row of `consumer`: their later events wait behind it. */
export async function blockedStreams(db: Db, consumer: string, streams: readonly string[], kinds: readonly ParkedKind[] = ['failed', 'refused', 'blocked']): Promise<Set<string>> {
  if (streams.length === 0) return new Set();
  const rows = await db
    .selectFrom('parked_event')
    .select('stream')
    .distinct()
    .where('consumer', '=', consumer)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('stream', 'in', [...streams])
    .where('kind', 'in', [...kinds])
    .limit(streams.length)
    .execute();
  return new Set(rows.map((r) => r.stream));
}

/**
 * What a retry pass of `consumer` processes: every open row of the streams where an operator
 * asked for a retry, oldest position first. The pass goes stream by stream in that order and
 * stops a stream at a row nobody asked to retry, or that fails again: a fact's events apply in
 * order or not at all.
 */
export async function rowsToRetry(db: Db, consumer: string, limit = LIMITS.parking.retryRowsPerPass): Promise<ParkedEvent[]> {
  const rows = await db
    .selectFrom('parked_event')
    .selectAll()
    .where('consumer', '=', consumer)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('stream', 'in', (eb) => eb.selectFrom('parked_event as r').select('r.stream').where('r.consumer', '=', consumer).where('r.status', '=', 'retry_requested'))
    .orderBy('commit_position')
    .orderBy('prepare_position')
    .orderBy(sql`id`)
    .limit(limit)
    .execute();
  return rows.map(toParked);
}

/** After a stream's retried rows went through: rows blocked behind them that the pass did not reach (its limit) are next. */
export async function promoteBlocked(db: Db, consumer: string, stream: string): Promise<void> {
  await db
    .updateTable('parked_event')
    .set({ status: 'retry_requested' })
    .where('consumer', '=', consumer)
    .where('stream', '=', stream)
    .where('kind', '=', 'blocked')
    .where('status', '=', 'parked')
    .execute();
}

export async function markResolved(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('parked_event').set({ status: 'resolved', resolved_at: sql<string>`now()`, last_seen: sql<string>`now()` }).where('id', 'in', [...ids]).execute();
}

/** A retry that failed again: parked, attempts + 1, the new error. */
export async function markFailedAgain(db: Db, id: string, error: unknown): Promise<void> {
  await db
    .updateTable('parked_event')
    .set({ status: 'parked', kind: 'failed', ...errorFieldsOf(error), attempts: sql<number>`attempts + 1`, last_seen: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Rows that go back to waiting (behind a retry that failed again). */
export async function markBlocked(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('parked_event').set({ status: 'parked', last_seen: sql<string>`now()` }).where('id', 'in', [...ids]).where('status', '=', 'retry_requested').execute();
}

/** Resolves the open rows of `kinds` for these streams of `consumer` (a refused order that went through later). */
export async function resolveStreams(db: Db, consumer: string, streams: readonly string[], kinds: readonly ParkedKind[]): Promise<number> {
  if (streams.length === 0) return 0;
  const result = await db
    .updateTable('parked_event')
    .set({ status: 'resolved', resolved_at: sql<string>`now()`, last_seen: sql<string>`now()` })
    .where('consumer', '=', consumer)
    .where('stream', 'in', [...streams])
    .where('kind', 'in', [...kinds])
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Asks the owning consumers to re-process open rows (one, or all of them); returns how many. */
export async function requestRetry(db: Db, target: { id: string } | 'all'): Promise<number> {
  let query = db.updateTable('parked_event').set({ status: 'retry_requested' }).where('status', '=', 'parked');
  if (target !== 'all') query = query.where('id', '=', target.id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Gives up on an open row, with who and why (kept and listed). The rows blocked behind it in its
 * stream are asked to retry: nothing holds them back any more.
 */
export async function skipParked(db: Kysely<ParkedEventPartialDB>, id: string, reason: string, actor: string): Promise<ParkedEvent | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('parked_event')
      .set({ status: 'skipped', skip_reason: reason.slice(0, LIMITS.parking.skipReasonChars), skipped_by: actor, last_seen: sql<string>`now()` })
      .where('id', '=', id)
      .where('status', 'in', [...OPEN_STATUSES])
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    await trx
      .updateTable('parked_event')
      .set({ status: 'retry_requested' })
      .where('consumer', '=', row.consumer)
      .where('stream', '=', row.stream)
      .where('kind', '=', 'blocked')
      .where('status', '=', 'parked')
      .execute();
    return toParked(row);
  });
}

export interface ListParkedOptions {
  /** Default: the open ones (parked, retry_requested). */
  statuses?: readonly ParkedStatus[];
  consumer?: string;
  org?: string;
  stream?: string;
  kinds?: readonly ParkedKind[];
  /** Rows with a greater id (paging). */
  afterId?: string;
  limit?: number;
}

/** A page of rows, oldest first; at most LIMITS.parking.listPageSizeMax. */
export async function listParked(db: Db, options: ListParkedOptions = {}): Promise<ParkedEvent[]> {
  const limit = Math.max(1, Math.min(options.limit ?? LIMITS.parking.listPageSizeDefault, LIMITS.parking.listPageSizeMax));
  let query = db
    .selectFrom('parked_event')
    .selectAll()
    .where('status', 'in', [...(options.statuses ?? OPEN_STATUSES)]);
  if (options.consumer) query = query.where('consumer', '=', options.consumer);
  if (options.org) query = query.where('org', '=', options.org);
  if (options.stream) query = query.where('stream', '=', options.stream);
  if (options.kinds) query = query.where('kind', 'in', [...options.kinds]);
  if (options.afterId) query = query.where(sql`id`, '>', sql`${options.afterId}::bigint`);
  const rows = await query.orderBy(sql`id`).limit(limit).execute();
  return rows.map(toParked);
}

/** Of these event ids, those `consumer` has not applied (parked, waiting or skipped): a replay leaves them out too. */
export async function unappliedEventIds(db: Db, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('parked_event')
    .select('event_id')
    .where('consumer', '=', consumer)
    .where('status', '<>', 'resolved')
    .where('event_id', 'in', [...eventIds])
    .limit(eventIds.length)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

/** True when `consumer` has any row not resolved (a replay then asks per batch which events to leave out). */
export async function hasUnapplied(db: Db, consumer: string): Promise<boolean> {
  const row = await db.selectFrom('parked_event').select('id').where('consumer', '=', consumer).where('status', '<>', 'resolved').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The rows grouped per stream, streams in the order of their oldest row, rows in stream order. */
export function byStream(rows: readonly ParkedEvent[]): Map<string, ParkedEvent[]> {
  const streams = new Map<string, ParkedEvent[]>();
  for (const row of rows) {
    const list = streams.get(row.stream) ?? [];
    list.push(row);
    streams.set(row.stream, list);
  }
  return streams;
}

/** The parked events of one stream, read from the store by revision (one read from the oldest), by id. */
export async function loadParkedEvents(eventStore: EventStore, stream: string, rows: readonly ParkedEvent[]): Promise<Map<string, RecordedEvent>> {
  const revisions = rows.map((r) => r.revision).filter((r): r is bigint => r !== null);
  if (revisions.length === 0) return new Map();
  const from = revisions.reduce((a, b) => (b < a ? b : a));
  const to = revisions.reduce((a, b) => (b > a ? b : a));
  const events = await eventStore.readStream(stream, { fromRevision: from, maxCount: Math.min(Number(to - from) + 1, LIMITS.eventStore.streamReadMaxEvents) });
  const wanted = new Set(rows.map((r) => r.eventId));
  return new Map(events.filter((e) => wanted.has(e.id)).map((e) => [e.id, e]));
}

/** One line per row for logs and the CLI: positions in wire form, times ISO 8601. */
export function parkedView(row: ParkedEvent): Record<string, unknown> {
  return { ...row, revision: row.revision === null ? null : row.revision.toString(), position: row.position ? formatPosition(row.position) : null };
}

function errorFieldsOf(error: unknown): { error_code: string | null; error_message: string } {
  const { errorCode, errorMessage } = errorOf(error);
  return { error_code: errorCode, error_message: errorMessage };
}

/** `<category>-<org>.<id>` → org; '' when the name does not follow the rule (it is still parked). */
function orgOfStream(stream: string): string {
  const rest = stream.slice(stream.indexOf('-') + 1);
  const dot = rest.indexOf('.');
  return dot > 0 ? rest.slice(0, dot) : '';
}

function toParked(row: Selectable<ParkedEventTable>): ParkedEvent {
  return {
    id: String(row.id),
    consumer: row.consumer,
    org: row.org,
    stream: row.stream,
    revision: row.stream_revision === null ? null : BigInt(row.stream_revision),
    position: row.commit_position === null || row.prepare_position === null ? null : { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    eventId: row.event_id,
    eventType: row.event_type,
    kind: row.kind,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    source: row.source,
    attempts: Number(row.attempts),
    firstSeen: new Date(row.first_seen).toISOString(),
    lastSeen: new Date(row.last_seen).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    skippedBy: row.skipped_by,
    skipReason: row.skip_reason,
  };
}
