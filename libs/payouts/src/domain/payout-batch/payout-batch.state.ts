// A payout batch folded from its stream. The phase is what people decided (scheduled, approved, cancelled,
// executing); once executing, the status the batch shows follows from its items (executing while any is
// pending, then paid or partially_paid), so no event has to announce it.
import type { DomainEvent, PayoutDestination, PayoutSkipReason } from '@ledger/contracts';
import { assert, assertNever } from '@ledger/kernel';

export const PAYOUT_BATCH_EVENT_TYPES = [
  'PayoutBatchCreated', 'PayoutBatchApproved', 'PayoutBatchCancelled', 'PayoutBatchExecutionStarted', 'PayoutBatchRetried',
  'PayoutItemPosted', 'PayoutItemFailed', 'PayoutItemReturned', 'PayoutItemCancelled',
] as const;
export type PayoutBatchEvent = DomainEvent<(typeof PAYOUT_BATCH_EVENT_TYPES)[number]>;
const batchEventTypes = new Set<string>(PAYOUT_BATCH_EVENT_TYPES);
export const isPayoutBatchEvent = (event: { type: string }): event is PayoutBatchEvent => batchEventTypes.has(event.type);

export type ItemState = 'pending' | 'posted' | 'failed' | 'returned' | 'cancelled';
export type BatchPhase = 'scheduled' | 'approved' | 'cancelled' | 'executing';
export type BatchStatus = 'scheduled' | 'approved' | 'cancelled' | 'executing' | 'paid' | 'partially_paid';

export interface PayoutItem {
  itemId: string;
  influencerId: string;
  gross: number;
  recovered: number;
  amount: number;
  earnings: ReadonlyArray<{ earningId: string; amount: number }>;
  destination: PayoutDestination;
  state: ItemState;
  /** Sends that failed so far (each retry is one more attempt). */
  failures: number;
  providerRef: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  reasonCode: string | null;
}

export interface Batch {
  status: 'open';
  batchId: string;
  currency: string;
  asOf: string;
  createdBy: string;
  createdAt: string;
  phase: BatchPhase;
  approvedBy: string | null;
  approvedRole: string | null;
  approvedAt: string | null;
  cancelReason: string | null;
  /** In creation order. */
  items: ReadonlyMap<string, PayoutItem>;
  skipped: ReadonlyArray<{ influencerId: string; reason: PayoutSkipReason }>;
  skippedCount: number;
}

export type PayoutBatchState = { status: 'none' } | Batch;

export const initialPayoutBatchState = (): PayoutBatchState => ({ status: 'none' });

export function evolvePayoutBatch(state: PayoutBatchState, event: DomainEvent): PayoutBatchState {
  if (!isPayoutBatchEvent(event)) return state;
  if (event.type === 'PayoutBatchCreated') {
    assert(state.status === 'none', `payout batch ${event.data.batchId} created twice`);
    const { batchId, currency, asOf, createdBy, items, skipped, skippedCount, at } = event.data;
    return {
      status: 'open', batchId, currency, asOf, createdBy, createdAt: at, phase: 'scheduled',
      approvedBy: null, approvedRole: null, approvedAt: null, cancelReason: null, skipped, skippedCount,
      items: new Map(items.map((item) => [item.itemId, {
        itemId: item.itemId, influencerId: item.influencerId, gross: item.gross.amount, recovered: item.recovered.amount, amount: item.amount.amount,
        earnings: item.earnings, destination: item.destination, state: 'pending' as const, failures: 0,
        providerRef: null, failureCode: null, failureMessage: null, reasonCode: null,
      }])),
    };
  }
  assert(state.status === 'open', `${event.type} before PayoutBatchCreated`);
  switch (event.type) {
    case 'PayoutBatchApproved':
      assert(state.phase === 'scheduled' && event.data.approvedBy !== state.createdBy, `batch ${state.batchId} approved from ${state.phase} by ${event.data.approvedBy}`);
      return { ...state, phase: 'approved', approvedBy: event.data.approvedBy, approvedRole: event.data.role, approvedAt: event.data.at };
    case 'PayoutBatchCancelled':
      assert(state.phase === 'scheduled' || state.phase === 'approved', `batch ${state.batchId} cancelled while ${state.phase}`);
      return { ...state, phase: 'cancelled', cancelReason: event.data.reasonCode, items: mapItems(state, (item) => ({ ...item, state: 'cancelled', reasonCode: event.data.reasonCode })) };
    case 'PayoutBatchExecutionStarted':
      assert(state.phase === 'approved', `batch ${state.batchId} executed while ${state.phase}`);
      return { ...state, phase: 'executing' };
    case 'PayoutBatchRetried': {
      assert(state.phase === 'executing', `batch ${state.batchId} retried while ${state.phase}`);
      const ids = new Set(event.data.itemIds);
      return { ...state, items: mapItems(state, (item) => (ids.has(item.itemId) ? (assertItem(item, item.state === 'failed', 'retried'), { ...item, state: 'pending' }) : item)) };
    }
    case 'PayoutItemPosted':
      return withItem(state, event.data.itemId, (item) => {
        assertItem(item, state.phase === 'executing' && (item.state === 'pending' || item.state === 'failed'), 'posted');
        assert(event.data.amount.amount === item.amount, `item ${item.itemId} posted ${event.data.amount.amount}, its amount is ${item.amount}`);
        return { ...item, state: 'posted', providerRef: event.data.providerRef, failureCode: null, failureMessage: null };
      });
    case 'PayoutItemFailed':
      return withItem(state, event.data.itemId, (item) => {
        assertItem(item, state.phase === 'executing' && item.state === 'pending', 'failed');
        return { ...item, state: 'failed', failures: item.failures + 1, failureCode: event.data.failureCode, failureMessage: event.data.failureMessage };
      });
    case 'PayoutItemReturned':
      return withItem(state, event.data.itemId, (item) => {
        assertItem(item, item.state === 'posted', 'returned');
        return { ...item, state: 'returned', reasonCode: event.data.reasonCode, providerRef: event.data.providerRef ?? item.providerRef };
      });
    case 'PayoutItemCancelled':
      return withItem(state, event.data.itemId, (item) => {
        assertItem(item, item.state === 'failed' || item.state === 'pending', 'cancelled');
        return { ...item, state: 'cancelled', reasonCode: event.data.reasonCode };
      });
    default:
      return assertNever(event, 'unknown payout batch event');
  }
}

function assertItem(item: PayoutItem, condition: boolean, what: string): void {
  assert(condition, `payout item ${item.itemId} ${what} while ${item.state}`);
}

function withItem(state: Batch, itemId: string, change: (item: PayoutItem) => PayoutItem): Batch {
  const item = state.items.get(itemId);
  assert(item !== undefined, `batch ${state.batchId} has no item ${itemId}`);
  return { ...state, items: new Map(state.items).set(itemId, change(item)) };
}

function mapItems(state: Batch, change: (item: PayoutItem) => PayoutItem): ReadonlyMap<string, PayoutItem> {
  return new Map([...state.items].map(([id, item]) => [id, change(item)]));
}

/** What the batch shows: the phase, or once executing what its items say. */
export function statusOf(batch: Batch): BatchStatus {
  if (batch.phase !== 'executing') return batch.phase;
  return statusFromItems([...batch.items.values()].map((item) => item.state));
}

/** Executing while an item is pending; paid when every item was posted (returned ones were too); all cancelled: cancelled. */
export function statusFromItems(states: readonly ItemState[]): BatchStatus {
  if (states.includes('pending')) return 'executing';
  if (states.every((s) => s === 'cancelled')) return 'cancelled';
  if (states.every((s) => s === 'posted' || s === 'returned')) return 'paid';
  return 'partially_paid';
}

/** Open: its earnings are locked to it (scheduled, approved, or executing with items not yet settled). */
export function isOpen(batch: Batch): boolean {
  const status = statusOf(batch);
  return status !== 'cancelled' && status !== 'paid' && !(status === 'partially_paid' && ![...batch.items.values()].some((i) => i.state === 'failed'));
}
