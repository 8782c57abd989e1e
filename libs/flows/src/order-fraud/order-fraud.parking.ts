// ADR 0010 for the fraud process manager: one fact (one conversion's or one flag's stream) that cannot be
// processed is parked, later events of it wait behind it, and every other fact and org goes on.
import type { Kysely } from 'kysely';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import {
  blockedStreams,
  byStream,
  isTransientError,
  loadParkedEvents,
  markBlocked,
  markFailedAgain,
  markResolved,
  openCounts,
  park,
  parkEntryOf,
  rowsToRetry,
  type ParkEntry,
} from '@ledger/projections';
import type { FraudOutcome, OrderFraudProcessor } from './order-fraud.processor';

export interface FraudParkingSettings {
  db: Kysely<any>;
  store: EventStore;
  processor: OrderFraudProcessor;
  consumer: string;
  logger: { warn(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void };
}

/**
 * Each fact goes on its own (a check reads and appends a handful of streams; batching them buys little).
 * A transient error (database, store) escapes: the loop retries the whole batch, which re-appends nothing.
 */
export async function processFacts(settings: FraudParkingSettings, events: readonly RecordedEvent[]): Promise<FraudOutcome> {
  const { db, processor, consumer, logger } = settings;
  const groups = groupByStream(events);
  const blocked = await blockedStreams(db, consumer, [...groups.keys()], ['failed', 'blocked']);
  const parked: ParkEntry[] = [];
  const total: FraudOutcome = { checked: 0, flagged: 0, ledgerEvents: 0 };
  const uncheckable = await processor.uncheckable(events);
  if (uncheckable.size > 0) logger.warn('conversions without a decided order: nothing to check, skipped', { name: consumer, conversions: uncheckable.size });
  for (const [stream, ofStream] of groups) {
    if (uncheckable.has(stream)) continue;
    if (blocked.has(stream)) {
      parked.push(...ofStream.map((e) => parkEntryOf(consumer, e, 'blocked', blockedError(stream))));
      continue;
    }
    try {
      const one = await processor.processFact(ofStream);
      total.checked += one.checked;
      total.flagged += one.flagged;
      total.ledgerEvents += one.ledgerEvents;
    } catch (error) {
      if (isTransientError(error)) throw error;
      parked.push(parkEntryOf(consumer, ofStream[0]!, 'failed', error), ...ofStream.slice(1).map((e) => parkEntryOf(consumer, e, 'blocked', blockedError(stream))));
    }
  }
  await park(db, parked);
  for (const entry of parked) {
    const fields = { name: consumer, org: entry.org, stream: entry.stream, eventId: entry.eventId, kind: entry.kind, errorCode: entry.errorCode, error: entry.errorMessage };
    if (entry.kind === 'failed') logger.error('fraud fact parked: the process manager cannot process it', fields);
    else logger.warn('fraud event parked behind an earlier parked event of its stream', fields);
  }
  return total;
}

/** Operator retries (parked list/retry), oldest first, one fact at a time; failing again keeps it parked. */
export async function retryParkedFacts(settings: FraudParkingSettings): Promise<void> {
  const { db, store, processor, consumer } = settings;
  const counts = (await openCounts(db, [consumer])).get(consumer);
  if (!counts || counts.retries === 0) return;
  for (const [stream, rows] of byStream(await rowsToRetry(db, consumer))) {
    const first = rows.findIndex((r) => r.status !== 'retry_requested' && r.kind === 'failed');
    const retried = first === -1 ? rows : rows.slice(0, first);
    if (retried.length === 0) continue;
    const loaded = await loadParkedEvents(store, stream, retried);
    const events = retried.map((r) => loaded.get(r.eventId)).filter((e): e is RecordedEvent => e !== undefined);
    try {
      if (events.length === 0) throw new Error(`the parked events are no longer in ${stream} at their revisions`);
      await processor.processFact(events);
    } catch (error) {
      if (isTransientError(error)) throw error;
      await markFailedAgain(db, retried[0]!.id, error);
      await markBlocked(db, retried.slice(1).map((r) => r.id));
      continue;
    }
    await markResolved(db, retried.map((r) => r.id));
  }
}

function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) groups.set(event.stream, [...(groups.get(event.stream) ?? []), event]);
  return groups;
}

function blockedError(stream: string): Error {
  return Object.assign(new Error(`waits behind an earlier parked event of ${stream}`), { code: 'PARKED.BLOCKED' });
}
