// The event store port. Adapters: postgres (default, embedded) and EventStoreDB.
// Stream names are `<category>-<org>.<id>` (ARCHITECTURE rule 1); see stream-name.ts.

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `any`: no check; `no_stream`: must not exist; `stream_exists`: must exist; bigint: last revision must equal it. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * A point in `$all`, in the store's commit order. Postgres: (transaction id, global position);
 * EventStoreDB: (commit, prepare). Compare with comparePositions, never field by field.
 */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

export interface EventMetadata {
  org: string;
  actorId: string;
  role?: string;
  costCentre?: string;
  correlationId: string;
  causationId?: string;
  sourceRef?: string;
  schemaVersion: number;
  /** Business time of the fact, ISO 8601 with offset. */
  occurredAt: string;
  [extra: string]: unknown;
}

export interface NewEvent<T extends string = string, D = Record<string, unknown>> {
  /** UUID. Deterministic (kernel `deterministicId`) when the fact comes from outside. */
  id: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

export interface RecordedEvent<T extends string = string, D = Record<string, unknown>> extends NewEvent<T, D> {
  stream: string;
  /** 0-based revision within the stream. */
  revision: bigint;
  position: Position;
  /** When the store recorded it (ISO 8601). Business time is metadata.occurredAt. */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append (the next expected revision). */
  nextExpectedRevision: bigint;
  /** Position of the last event of this append (of the already-stored one if it was a no-op). */
  position: Position;
  /** Events actually written; 0 when every id was already stored (idempotent re-append). */
  written: number;
}

export interface StreamAppend {
  stream: string;
  expectedRevision: ExpectedRevision;
  events: NewEvent[];
}

export interface ReadStreamOptions {
  fromRevision?: bigint;
  maxCount?: number;
  direction?: 'forwards' | 'backwards';
}

export interface AllFilter {
  /** Stream name prefixes, e.g. `order-`, `influencer-acme.` */
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  after?: Position | null;
  maxCount: number;
  filter?: AllFilter;
}

export interface FollowAllOptions extends Omit<ReadAllOptions, 'maxCount'> {
  batchSize?: number;
  /**
   * Pause between polls once caught up (adapters that poll; default LIMITS.eventStore.followPollMs).
   * A follower whose readers must see new events sooner (the program catalog) asks for less.
   */
  pollMs?: number;
  signal: AbortSignal;
}

export interface EventStore {
  /** Appends to one stream in one round trip, atomically; expected revision checked by the store. */
  append(stream: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Appends to several streams atomically where the adapter can (postgres: one transaction);
   * any expected-revision failure fails the whole call with WrongExpectedVersion.
   */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** Reads one stream in revision order. Unknown stream: empty array. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads several streams at once (one round trip where the adapter can). */
  readStreams(streams: string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Current revision of a stream, or null when it does not exist. */
  streamRevision(stream: string): Promise<bigint | null>;
  /** Reads `$all` in commit order after a checkpoint; never skips an event of a concurrent writer. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Follows `$all` from a checkpoint forever (until signal aborts), batch by batch. */
  followAll(options: FollowAllOptions): AsyncIterable<RecordedEvent[]>;
  /** Position of the last event visible to readAll, or null for an empty store. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Wire form of a position: `"<commit>-<prepare>"`, as returned in every command answer. */
export function formatPosition(p: Position): string {
  return `${p.commit}-${p.prepare}`;
}

export function parsePosition(text: string): Position | null {
  const m = /^(\d{1,20})-(\d{1,20})$/.exec(text);
  if (!m) return null;
  return { commit: BigInt(m[1]!), prepare: BigInt(m[2]!) };
}
