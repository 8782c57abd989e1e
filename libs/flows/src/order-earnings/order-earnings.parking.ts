// The process manager's side of ADR 0010: one order that cannot be processed is parked and the
// batch goes on with the others; refusals are recorded; operator retries re-process parked orders.
import type { Kysely } from 'kysely';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import {
  blockedStreams,
  byStream,
  errorOf,
  isTransientError,
  loadParkedEvents,
  markBlocked,
  markFailedAgain,
  markResolved,
  openCounts,
  park,
  parkEntryOf,
  resolveStreams,
  rowsToRetry,
  type ParkEntry,
} from '@ledger/projections';
import { orderStreamsOf, type BatchOutcome, type OrderEarningsProcessor, type OrderRefusal } from './order-earnings.processor';

export interface PmParkingSettings {
  db: Kysely<any>;
  store: EventStore;
  processor: OrderEarningsProcessor;
  /** The consumer name parked rows carry (the checkpoint's name). */
  consumer: string;
  logger: { warn(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void };
}

const EMPTY: BatchOutcome = { orders: 0, refused: 0, decided: 0, attributed: 0, accrued: 0, clawedBack: 0, attempts: 0 };

/**
 * Processes a batch so that one order cannot hold up the others. Orders whose stream has a
 * failed event parked wait behind it (their events are parked too, kind blocked). The rest go as
 * one call, as before; only if that call fails for something other than a transient error
 * (those escape: the loop retries the batch with backoff) does each order go on its own, and the
 * one that fails is parked. Refusals of the calls that went through are recorded; a refused
 * order that now went through has its refusal resolved.
 */
export async function processParking(settings: PmParkingSettings, events: readonly RecordedEvent[]): Promise<BatchOutcome> {
  const { db, processor, consumer, logger } = settings;
  const streams = orderStreamsOf(events);
  const blocked = await blockedStreams(db, consumer, streams, ['failed', 'blocked']);
  const parked: ParkEntry[] = events.filter((e) => blocked.has(e.stream)).map((e) => parkEntryOf(consumer, e, 'blocked', blockedError(e.stream)));
  const live = events.filter((e) => !blocked.has(e.stream));
  const done: string[] = [];
  let outcome = EMPTY;
  processor.takeRefusals(); // nothing from an earlier failed call may be recorded as ours
  try {
    if (live.length > 0) outcome = await processor.process(live);
    done.push(...orderStreamsOf(live));
  } catch (error) {
    processor.takeRefusals();
    if (isTransientError(error)) throw error;
    logger.warn('order earnings batch failed; going order by order to find the one that fails', { name: consumer, events: live.length, err: error });
    outcome = { ...EMPTY };
    for (const [stream, ofStream] of groupByStream(live)) {
      try {
        outcome = add(outcome, await processor.process(ofStream));
        done.push(stream);
      } catch (orderError) {
        processor.takeRefusals();
        if (isTransientError(orderError)) throw orderError;
        parked.push(parkEntryOf(consumer, ofStream[0]!, 'failed', orderError), ...ofStream.slice(1).map((e) => parkEntryOf(consumer, e, 'blocked', blockedError(stream))));
      }
    }
  }
  const refusals = processor.takeRefusals();
  parked.push(...refusals.map((r) => refusalEntry(consumer, r, lastOf(events, r.stream))));
  await park(db, parked);
  const refused = new Set(refusals.map((r) => r.stream));
  await resolveStreams(db, consumer, done.filter((s) => !refused.has(s)), ['refused']);
  for (const entry of parked) {
    const fields = { name: consumer, org: entry.org, stream: entry.stream, eventId: entry.eventId, kind: entry.kind, errorCode: entry.errorCode, error: entry.errorMessage };
    if (entry.kind === 'refused') logger.warn('order refused by the ledger; recorded (parked, kind refused)', fields);
    else if (entry.kind === 'failed') logger.error('order parked: the process manager cannot process it', fields);
  }
  const blockedCount = parked.filter((e) => e.kind === 'blocked').length;
  if (blockedCount > 0) logger.warn('order events parked behind an earlier parked event of their order', { name: consumer, events: blockedCount });
  return outcome;
}

/**
 * Re-processes the orders an operator asked to retry, oldest first, one call per order stream
 * (the process manager decides on the whole stream, so one call covers every parked event of it).
 * Through: its rows are resolved (a refusal again is recorded again). Failing again: the first row
 * is parked with attempts + 1, the rest wait behind it. A transient error escapes (retried later).
 * Returns whether there was anything to retry.
 */
export async function retryParkedOrders(settings: PmParkingSettings): Promise<boolean> {
  const { db, store, processor, consumer } = settings;
  const counts = (await openCounts(db, [consumer])).get(consumer);
  if (!counts || counts.retries === 0) return false;
  for (const [stream, rows] of byStream(await rowsToRetry(db, consumer))) {
    // A refusal holds nothing back (the order is tried with every new fact anyway); a failed row nobody asked to retry does.
    const first = rows.findIndex((r) => r.status !== 'retry_requested' && r.kind === 'failed');
    const retried = first === -1 ? rows : rows.slice(0, first); // a parked row nobody asked to retry holds the rest back
    if (retried.length === 0) continue;
    const loaded = await loadParkedEvents(store, stream, retried);
    const events = retried.map((r) => loaded.get(r.eventId)).filter((e): e is RecordedEvent => e !== undefined);
    processor.takeRefusals();
    try {
      if (events.length === 0) throw new Error(`the parked events are no longer in ${stream} at their revisions`);
      await processor.process(events);
    } catch (error) {
      processor.takeRefusals();
      if (isTransientError(error)) throw error;
      await markFailedAgain(db, retried[0]!.id, error);
      await markBlocked(db, retried.slice(1).map((r) => r.id));
      continue;
    }
    const refusals = processor.takeRefusals();
    await markResolved(db, retried.map((r) => r.id));
    if (refusals.length === 0) await resolveStreams(db, consumer, [stream], ['refused']);
    if (refusals.length > 0) await park(db, refusals.map((r) => refusalEntry(consumer, r, events.at(-1)!)));
  }
  return true;
}

function refusalEntry(consumer: string, refusal: OrderRefusal, event: RecordedEvent | undefined): ParkEntry {
  const error = Object.assign(new Error(refusal.detail), { code: refusal.code });
  if (event) return { ...parkEntryOf(consumer, event, 'refused', error), org: refusal.org };
  // Cannot happen (a refusal is about an order of the call); recorded all the same, without a position.
  return { consumer, org: refusal.org, stream: refusal.stream, revision: null, position: null, eventId: `refused:${refusal.stream}`, eventType: 'unknown', kind: 'refused', ...errorOf(error) };
}

function lastOf(events: readonly RecordedEvent[], stream: string): RecordedEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.stream === stream) return events[i];
  return undefined;
}

function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) groups.set(event.stream, [...(groups.get(event.stream) ?? []), event]);
  return groups;
}

function add(a: BatchOutcome, b: BatchOutcome): BatchOutcome {
  return {
    orders: a.orders + b.orders,
    refused: a.refused + b.refused,
    decided: a.decided + b.decided,
    attributed: a.attributed + b.attributed,
    accrued: a.accrued + b.accrued,
    clawedBack: a.clawedBack + b.clawedBack,
    attempts: a.attempts + b.attempts,
  };
}

function blockedError(stream: string): Error {
  return Object.assign(new Error(`waits behind an earlier parked event of ${stream}`), { code: 'PARKED.BLOCKED' });
}
