// The payout batch decider (payout-<org>.<batchId>): scheduled → approved → executing → paid | partially_paid,
// cancelled before execution; items pending → posted | failed, failed → pending (retry), posted → returned,
// failed → cancelled. Four eyes on approval. Pure: the earning side (locks, payments) is the ledger's decider,
// appended with these events in one atomic append by the payout-earnings flow.
import type { DomainEvent } from '@ledger/contracts';
import { assertNever, LIMITS, type Decider } from '@ledger/kernel';
import type { PayoutBatchCommand, RecordItemOutcome } from './payout-batch.commands';
import { EmptyBatch, InvalidBatchTransition, InvalidItemTransition, PayoutBatchExists, PayoutBatchNotFound, PayoutItemNotFound, SameActor } from './payout-batch.errors';
import { evolvePayoutBatch, initialPayoutBatchState, type Batch, type PayoutBatchEvent, type PayoutBatchState, type PayoutItem } from './payout-batch.state';

/** A timeout says nothing about whether the provider posted: such an item is retried (same key), never cancelled blind. */
export const OUTCOME_UNKNOWN_FAILURE = 'provider_timeout';

function decide(command: PayoutBatchCommand, state: PayoutBatchState): PayoutBatchEvent[] {
  if (command.type === 'CreatePayoutBatch') {
    const { batchId, currency, asOf, createdBy, items, skipped, skippedCount, now } = command.data;
    if (state.status !== 'none') throw new PayoutBatchExists(batchId);
    if (items.length === 0) throw new EmptyBatch(currency);
    if (items.length > LIMITS.payouts.itemsPerBatch) throw new Error(`a batch holds at most ${LIMITS.payouts.itemsPerBatch} items`);
    return [{ type: 'PayoutBatchCreated', data: { batchId, currency, asOf, createdBy, items, skipped: skipped.slice(0, LIMITS.payouts.skippedListed), skippedCount, at: now } }];
  }
  if (state.status === 'none') throw new PayoutBatchNotFound('(unknown)');
  const batch = state;
  switch (command.type) {
    case 'ApprovePayoutBatch': {
      const { approvedBy, role, now } = command.data;
      if (batch.phase === 'approved') return [];
      if (batch.phase !== 'scheduled') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'be approved');
      if (approvedBy === batch.createdBy) throw new SameActor(approvedBy);
      return [{ type: 'PayoutBatchApproved', data: { batchId: batch.batchId, approvedBy, role, at: now } }];
    }
    case 'CancelPayoutBatch': {
      if (batch.phase === 'cancelled') return [];
      if (batch.phase === 'executing') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'be cancelled (cancel its failed items instead)', 'not_cancellable');
      return [{ type: 'PayoutBatchCancelled', data: { batchId: batch.batchId, cancelledBy: command.data.cancelledBy, reasonCode: command.data.reasonCode, at: command.data.now } }];
    }
    case 'StartPayoutExecution': {
      if (batch.phase === 'executing') return [];
      if (batch.phase === 'scheduled') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'be executed before it is approved', 'not_approved');
      if (batch.phase === 'cancelled') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'be executed', 'batch_cancelled');
      return [{ type: 'PayoutBatchExecutionStarted', data: { batchId: batch.batchId, startedBy: command.data.startedBy, at: command.data.now } }];
    }
    case 'RetryPayoutBatch': {
      if (batch.phase !== 'executing') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'be retried before it is executed', 'not_executing');
      const itemIds = [...batch.items.values()].filter(isRetryable).map((item) => item.itemId);
      return itemIds.length === 0 ? [] : [{ type: 'PayoutBatchRetried', data: { batchId: batch.batchId, itemIds, at: command.data.now } }];
    }
    case 'RecordItemOutcome':
      return recordOutcome(batch, command.data);
    case 'CancelPayoutItem': {
      const item = itemOf(batch, command.data.itemId);
      if (item.state === 'cancelled') return [];
      const cancellable =
        (item.state === 'failed' && item.failureCode !== OUTCOME_UNKNOWN_FAILURE) ||
        (item.state === 'pending' && batch.phase === 'executing' && item.destination.method === 'bank_transfer');
      if (!cancellable) {
        const unknown = item.state === 'failed' && item.failureCode === OUTCOME_UNKNOWN_FAILURE;
        throw new InvalidItemTransition(item.itemId, item.state, unknown ? 'be cancelled while the provider may have posted it: retry it first (same key)' : 'be cancelled', unknown ? 'outcome_unknown' : 'item_not_cancellable');
      }
      return [{ type: 'PayoutItemCancelled', data: { batchId: batch.batchId, itemId: item.itemId, reasonCode: command.data.reasonCode, at: command.data.now } }];
    }
    default:
      return assertNever(command, 'unknown payout batch command');
  }
}

function recordOutcome(batch: Batch, data: RecordItemOutcome['data']): PayoutBatchEvent[] {
  const item = itemOf(batch, data.itemId);
  const ref = { batchId: batch.batchId, itemId: item.itemId };
  switch (data.outcome) {
    case 'posted':
      if (batch.phase !== 'executing') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'have items posted', 'not_executing');
      // The provider dedupes by key: posting an item again is the same transfer, recorded once.
      if (item.state === 'posted' || item.state === 'returned') return [];
      if (item.state === 'cancelled') throw new InvalidItemTransition(item.itemId, item.state, 'be posted', 'item_cancelled');
      return [{ type: 'PayoutItemPosted', data: { ...ref, influencerId: item.influencerId, earningIds: item.earnings.map((e) => e.earningId), amount: { amount: item.amount, currency: batch.currency }, providerRef: data.providerRef, at: data.now } }];
    case 'failed':
      if (batch.phase !== 'executing') throw new InvalidBatchTransition(batch.batchId, batch.phase, 'have items failed', 'not_executing');
      // Only a pending send can fail; a failure heard after a post (a stale answer) changes nothing.
      if (item.state !== 'pending') return [];
      return [{ type: 'PayoutItemFailed', data: { ...ref, attempt: item.failures + 1, failureCode: data.failureCode, failureMessage: data.failureMessage, at: data.now } }];
    case 'returned':
      if (item.state === 'returned') return [];
      if (item.state !== 'posted') throw new InvalidItemTransition(item.itemId, item.state, 'be returned (only a posted item can)', 'item_not_posted');
      return [{ type: 'PayoutItemReturned', data: { ...ref, reasonCode: data.reasonCode, ...(data.providerRef === undefined ? {} : { providerRef: data.providerRef }), at: data.now } }];
    default:
      return assertNever(data, 'unknown item outcome');
  }
}

export function isRetryable(item: PayoutItem): boolean {
  return item.state === 'failed' && item.failures < LIMITS.payouts.attemptsPerItem;
}

function itemOf(batch: Batch, itemId: string): PayoutItem {
  const item = batch.items.get(itemId);
  if (item === undefined) throw new PayoutItemNotFound(batch.batchId, itemId);
  return item;
}

export const payoutBatchDecider: Decider<PayoutBatchCommand, PayoutBatchEvent, PayoutBatchState, DomainEvent> = {
  decide,
  evolve: evolvePayoutBatch,
  initialState: initialPayoutBatchState,
};
