// Appends one TouchRecorded to the customer's stream — the only write of the checkout path.
import type { TouchRecorded } from '@ledger/contracts';
import { DuplicateEventIdMismatch, streamName, type EventMetadata, type EventStore, type Position } from '@ledger/event-store';
import { TouchAppendBatcher } from './touch-append-batcher';

/** One batcher per store (the app has one store): concurrent touches share round trips and commits. */
const batchers = new WeakMap<EventStore, TouchAppendBatcher>();

function batcherFor(store: EventStore): TouchAppendBatcher {
  let batcher = batchers.get(store);
  if (batcher === undefined) {
    batcher = new TouchAppendBatcher(store);
    batchers.set(store, batcher);
  }
  return batcher;
}

/**
 * One round trip (shared with concurrent touches), expected revision `any`: touches of one customer never conflict with each other,
 * so there is nothing to read first. The touch id is the event id; a deterministic id makes a
 * retry a no-op (same content: the stored event's position comes back; different content, e.g. a
 * retried checkout that defaulted occurredAt to a later now: the first recording stands, null).
 */
export async function appendTouch(store: EventStore, touch: TouchRecorded, metadata: EventMetadata): Promise<Position | null> {
  try {
    // Concurrent touches go out together (touch-append-batcher.ts); each still gets its own answer.
    const result = await batcherFor(store).append(streamName('customer', metadata.org, touch.customerRef), {
      id: touch.touchId,
      type: 'TouchRecorded',
      data: touch as unknown as Record<string, unknown>,
      metadata,
    });
    return result.position;
  } catch (error) {
    if (error instanceof DuplicateEventIdMismatch) return null;
    throw error;
  }
}
