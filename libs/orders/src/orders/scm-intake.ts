// The batched SCM intake, shared by order/record|return|cancel, scm/ingest and the NATS consumer.
// Per chunk: ONE readStreams for every affected order, the decider folded in memory (several facts
// for one order apply in sequence), ONE appendMany with each stream's expected revision. A
// concurrent writer makes the whole chunk re-read and re-decide, boundedly: a WrongExpectedVersion,
// and also a DuplicateEventIdMismatch, which is what a concurrent delivery of the same fact in
// another representation (lines in another order, another offset) meets at the store — re-decided,
// the decider sees the recorded fact and answers duplicate (with its position) or ConflictingFact.
import { Inject, Injectable } from '@nestjs/common';
import { STREAM_CATEGORIES, type DomainEvent, type OrderClaimConflicted } from '@ledger/contracts';
import {
  comparePositions,
  DuplicateEventIdMismatch,
  EVENT_STORE,
  formatPosition,
  streamName,
  WrongExpectedVersion,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
  type StreamAppend,
} from '@ledger/event-store';
import { assert, deterministicId, DomainError, evolveAll, LIMITS } from '@ledger/kernel';
import { ConflictingFact, orderDecider, recordedFactOf, type OrderEvent, type OrderState, type RecordedAt } from '../domain';
import type { ScmFact } from './scm-fact';

export interface IntakeItem {
  /** Tenant: from the verified token (HTTP) or the message header (NATS), never from the fact. */
  org: string;
  fact: ScmFact;
  metadata: EventMetadata;
}

export type IntakeResult =
  | { status: 'recorded' | 'duplicate'; orderId: string; position: Position | null }
  | { status: 'rejected'; orderId: string; error: DomainError };

export interface IntakeOutcome {
  /** One per item, in input order. */
  results: IntakeResult[];
  /** The highest position among the accepted items (their order streams' last events); null if none. */
  position: Position | null;
}

@Injectable()
export class ScmIntake {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Decides and appends the facts, in order. Refusals (validation, conflicts with the order's
   * history, an SCM source reference reused for another fact) are results, never exceptions;
   * an exception means nothing of the failing chunk was appended (earlier chunks were).
   */
  async ingest(items: readonly IntakeItem[]): Promise<IntakeOutcome> {
    const results: IntakeResult[] = [];
    for (let start = 0; start < items.length; start += LIMITS.orders.intakeChunkFacts) {
      const chunk = items.slice(start, start + LIMITS.orders.intakeChunkFacts);
      const chunkResults = await this.ingestChunk(chunk);
      await recordConflictingClaims(this.store, chunk, chunkResults);
      results.push(...chunkResults);
    }
    return { results, position: highest(results) };
  }

  private async ingestChunk(items: readonly IntakeItem[]): Promise<IntakeResult[]> {
    // Facts whose event id is stored already with other content in another order's stream (a
    // source reference reused for another order): refused once a re-read did not explain it.
    const refused = new Map<number, DomainError>();
    const suspected = new Set<number>();
    let conflicts = 0;
    while (true) {
      const plan = await this.decideChunk(items, refused);
      if (plan.appends.length === 0) return settle(plan, []);
      try {
        const appended = await this.store.appendMany(plan.appends);
        return settle(plan, appended.map((a, i) => ({ stream: plan.appends[i]!.stream, position: a.position, written: a.written })));
      } catch (error) {
        const culprit = error instanceof DuplicateEventIdMismatch ? plan.itemOfEvent.get(error.eventId.toLowerCase()) : undefined;
        if (culprit !== undefined && !refused.has(culprit)) {
          // First sight: maybe a concurrent delivery of this very fact landed in its own stream since
          // our read; re-read and let the decider judge it (it recognises any fact of its stream with
          // this id). Seen again: the id belongs to another order. Bounded: twice per item at most.
          if (suspected.has(culprit)) refused.set(culprit, error as DuplicateEventIdMismatch);
          else suspected.add(culprit);
          continue;
        }
        if (error instanceof WrongExpectedVersion && conflicts < LIMITS.orders.intakeConflictRetries) {
          conflicts += 1;
          await jitter(conflicts);
          continue;
        }
        throw error;
      }
    }
  }

  private async decideChunk(items: readonly IntakeItem[], refused: ReadonlyMap<number, DomainError>): Promise<ChunkPlan> {
    const streamOf = items.map((item) => streamName('order', item.org, item.fact.data.orderId));
    const recorded = await this.store.readStreams([...new Set(streamOf)]);
    const streams = new Map<string, StreamWork>();
    for (const [stream, events] of recorded) {
      const last = events.at(-1);
      streams.set(stream, {
        state: evolveAll(orderDecider, events.map(asDomainEvent)),
        expectedRevision: last ? last.revision : 'no_stream',
        lastPosition: last?.position ?? null,
        positions: new Map(events.map((e) => [e.id.toLowerCase(), e.position])),
        pending: [],
      });
    }
    const eventsById = new Map<string, { stream: string; data: unknown }>();
    const itemOfEvent = new Map<string, number>();
    const results: PlannedResult[] = items.map((item, index) => {
      const stream = streamOf[index]!;
      const work = streams.get(stream)!;
      const orderId = item.fact.data.orderId;
      const refusal = refused.get(index);
      if (refusal) return { status: 'rejected', orderId, error: refusal };
      let events: OrderEvent[];
      try {
        events = orderDecider.decide(item.fact, work.state);
      } catch (error) {
        if (error instanceof ConflictingFact) return { status: 'rejected', orderId, error: error.recordedAt(whereRecorded(item.org, error, work)) };
        if (error instanceof DomainError) return { status: 'rejected', orderId, error };
        throw error; // a bug (failed assertion) or worse: fail the chunk, append nothing
      }
      if (events.length === 0) {
        const known = recordedFactOf(item.fact, work.state);
        const eventId = known === null ? null : deterministicId(item.org, 'scm', known.sourceRef, known.type).toLowerCase();
        return { status: 'duplicate', orderId, stream, eventId };
      }
      assert(events.length === 1, `an SCM fact makes one event (got ${events.length})`);
      const event = events[0]!;
      const id = deterministicId(item.org, 'scm', item.fact.data.sourceRef, event.type);
      // The same source reference and type for two different facts in one delivery: the first wins.
      const earlier = eventsById.get(id);
      if (earlier !== undefined && (earlier.stream !== stream || JSON.stringify(earlier.data) !== JSON.stringify(event.data))) {
        return { status: 'rejected', orderId, error: new DuplicateEventIdMismatch(id, stream) };
      }
      eventsById.set(id, { stream, data: event.data });
      itemOfEvent.set(id, index);
      work.state = orderDecider.evolve(work.state, event);
      work.pending.push({ id, type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: item.metadata });
      return { status: 'recorded', orderId, stream, eventId: id.toLowerCase() };
    });
    const appends: StreamAppend[] = [];
    for (const [stream, work] of streams) {
      if (work.pending.length > 0) appends.push({ stream, expectedRevision: work.expectedRevision, events: work.pending });
    }
    return { results, appends, streams, itemOfEvent };
  }
}

interface StreamWork {
  state: OrderState;
  expectedRevision: bigint | 'no_stream';
  lastPosition: Position | null;
  /** Event id (lower case) → position, of the events read. */
  positions: Map<string, Position>;
  pending: NewEvent[];
}

/** `eventId`: the event that records the fact (null: a duplicate whose recorded fact the decider did not name). */
type PlannedResult =
  | { status: 'recorded' | 'duplicate'; orderId: string; stream: string; eventId: string | null }
  | { status: 'rejected'; orderId: string; error: DomainError };

interface ChunkPlan {
  results: PlannedResult[];
  appends: StreamAppend[];
  streams: Map<string, StreamWork>;
  /** Event id (lower case) → the item that produced it, to name the culprit of a failed append. */
  itemOfEvent: Map<string, number>;
}

/**
 * Positions for every accepted item: a duplicate answers with the position of the event that
 * recorded its fact, so every delivery of one fact, concurrent or not, answers the same position.
 * A stream whose append wrote nothing was a concurrent delivery of the same facts.
 */
function settle(plan: ChunkPlan, appended: Array<{ stream: string; position: Position; written: number }>): IntakeResult[] {
  const after = new Map(appended.map((a) => [a.stream, a]));
  return plan.results.map((result) => {
    if (result.status === 'rejected') return result;
    const work = plan.streams.get(result.stream)!;
    const append = after.get(result.stream);
    const stored = result.eventId === null ? undefined : work.positions.get(result.eventId);
    const position = stored ?? append?.position ?? work.lastPosition;
    const status = result.status === 'recorded' && append?.written === 0 ? 'duplicate' : result.status;
    return { status, orderId: result.orderId, position };
  });
}

/** Where the recorded version of a conflicting fact is: an event read, or one decided earlier in this chunk. */
function whereRecorded(org: string, conflict: ConflictingFact, work: StreamWork): RecordedAt {
  const type = ({ order: 'OrderRecorded', return: 'OrderReturned', cancellation: 'OrderCancelled' } as const)[conflict.fact.kind];
  const position = work.positions.get(deterministicId(org, 'scm', conflict.recorded.sourceRef, type).toLowerCase());
  return position === undefined ? 'this_delivery' : { position: formatPosition(position) };
}

function highest(results: readonly IntakeResult[]): Position | null {
  let best: Position | null = null;
  for (const r of results) {
    if (r.status !== 'rejected' && r.position && (best === null || comparePositions(r.position, best) > 0)) best = r.position;
  }
  return best;
}

/** The store hands back what it was given; the order decider only reads type and data. */
function asDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data } as unknown as DomainEvent;
}

/**
 * An order delivered again under another sourceRef with other content stays refused; the refusal is also
 * recorded as a second claim on the order (orderclaim-<org>.<orderId>), which fraud's duplicate_claim reads.
 * The same conflicting delivery again is a no-op (deterministic id); at most
 * LIMITS.fraud.conflictingClaimsRecordedPerOrder per order are recorded (the stream's bound).
 */
async function recordConflictingClaims(store: EventStore, items: readonly IntakeItem[], results: readonly IntakeResult[]): Promise<void> {
  const byStream = new Map<string, NewEvent[]>();
  for (const [i, result] of results.entries()) {
    if (result.status !== 'rejected' || !(result.error instanceof ConflictingFact)) continue;
    const { fact, recorded, differences } = result.error;
    if (fact.kind !== 'order' || fact.sourceRef === recorded.sourceRef) continue;
    const item = items[i]!;
    const stream = streamName(STREAM_CATEGORIES.orderClaim, item.org, fact.orderId);
    const revision = await store.streamRevision(stream);
    if (revision !== null && revision + 1n >= BigInt(LIMITS.fraud.conflictingClaimsRecordedPerOrder)) continue;
    const data: OrderClaimConflicted = {
      orderId: fact.orderId,
      sourceRef: fact.sourceRef,
      recordedSourceRef: recorded.sourceRef,
      fields: differences.slice(0, LIMITS.orders.conflictDifferencesShown).map((d) => d.field),
      at: item.metadata.occurredAt,
    };
    const id = deterministicId(item.org, 'scm', fact.sourceRef, 'OrderClaimConflicted');
    const events = byStream.get(stream) ?? [];
    if (!events.some((e) => e.id === id)) events.push({ id, type: 'OrderClaimConflicted', data: { ...data }, metadata: item.metadata });
    byStream.set(stream, events);
  }
  for (const [stream, events] of byStream) {
    try {
      await store.append(stream, events, { expectedRevision: 'any' });
    } catch (error) {
      // That sourceRef's conflict is recorded already (with the content it first came with): the first recording stands.
      if (!(error instanceof DuplicateEventIdMismatch)) throw error;
    }
  }
}

/** Writers racing for the same orders take turns after a short random pause. */
function jitter(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
}
