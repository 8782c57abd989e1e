// The batch's current state from its own stream (bounded: see payout-streams.ts), never from a read model:
// what a command decides on must not lag.
import { foldStream, type EventStore, type Position } from '@ledger/event-store';
import { assert, LIMITS } from '@ledger/kernel';
import { payoutBatchDecider, PayoutBatchNotFound, type Batch } from '../../domain';
import { payoutBatchStream } from '../payout-streams';

export async function loadBatch(store: EventStore, org: string, batchId: string): Promise<Batch> {
  return (await loadBatchAt(store, org, batchId)).batch;
}

/**
 * With the position of the stream's last event: the flow appends a batch's events after the earnings' events of
 * the same append, so that position covers them too (read-your-writes for the ledger's read model).
 */
export async function loadBatchAt(store: EventStore, org: string, batchId: string): Promise<{ batch: Batch; position: Position | null }> {
  const events = await store.readStream(payoutBatchStream(org, batchId), { maxCount: LIMITS.eventStore.streamReadMaxEvents });
  assert(events.length < LIMITS.eventStore.streamReadMaxEvents, `payout batch ${batchId} exceeds the read limit`);
  const state = foldStream(payoutBatchDecider, events);
  if (state.status === 'none') throw new PayoutBatchNotFound(batchId);
  return { batch: state, position: events.at(-1)?.position ?? null };
}

export function existingBatch(state: { status: string }, batchId: string): Batch {
  if (state.status === 'none') throw new PayoutBatchNotFound(batchId);
  return state as Batch;
}
