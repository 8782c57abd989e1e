// Proves the payout batch decider given/when/then: scheduled → approved (four eyes) → executing → paid | partially_paid, cancel before execution only, items pending → posted | failed, retry re-sends failed items only (bounded), posted → returned, cancelling an item whose outcome is unknown refused, empty batches refused.
import type { PayoutBatchItemPlan } from '@ledger/contracts';
import { DeciderSpecification, evolveAll, LIMITS } from '@ledger/kernel';
import { payoutBatchDecider } from './payout-batch.decider';
import { EmptyBatch, InvalidBatchTransition, InvalidItemTransition, PayoutBatchExists, SameActor } from './payout-batch.errors';
import { statusOf, type Batch, type PayoutBatchEvent } from './payout-batch.state';

const spec = DeciderSpecification.for(payoutBatchDecider);
const NOW = '2026-04-01T10:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const item = (itemId: string, amount = 1_000, method: 'sandbox' | 'bank_transfer' = 'sandbox'): PayoutBatchItemPlan => ({
  itemId, influencerId: `inf-${itemId}`, gross: eur(amount), recovered: eur(0), amount: eur(amount), earnings: [{ earningId: `e-${itemId}`, amount }],
  destination: method === 'sandbox' ? { method, accountId: `acct_${itemId}` } : { method, iban: 'DE89370400440532013000', accountHolder: 'Pat' },
});
const created = (items = [item('i-1'), item('i-2')]): PayoutBatchEvent => ({ type: 'PayoutBatchCreated', data: { batchId: 'b-1', currency: 'EUR', asOf: NOW, createdBy: 'ann', items, skipped: [], skippedCount: 0, at: NOW } });
const approved: PayoutBatchEvent = { type: 'PayoutBatchApproved', data: { batchId: 'b-1', approvedBy: 'bob', role: 'inf_finance', at: NOW } };
const started: PayoutBatchEvent = { type: 'PayoutBatchExecutionStarted', data: { batchId: 'b-1', startedBy: 'ann', at: NOW } };
const posted = (itemId: string, amount = 1_000): PayoutBatchEvent => ({ type: 'PayoutItemPosted', data: { batchId: 'b-1', itemId, influencerId: `inf-${itemId}`, earningIds: [`e-${itemId}`], amount: eur(amount), providerRef: `ref-${itemId}`, at: NOW } });
const failed = (itemId: string, attempt = 1, failureCode = 'account_rejected'): PayoutBatchEvent => ({ type: 'PayoutItemFailed', data: { batchId: 'b-1', itemId, attempt, failureCode, failureMessage: 'no', at: NOW } });
const retried = (...itemIds: string[]): PayoutBatchEvent => ({ type: 'PayoutBatchRetried', data: { batchId: 'b-1', itemIds, at: NOW } });
const executing = [created(), approved, started];
const outcome = (data: Record<string, unknown>) => ({ type: 'RecordItemOutcome' as const, data: { now: NOW, ...data } as never });

describe('creating', () => {
  it('records the planned items', () =>
    spec.given([]).when({ type: 'CreatePayoutBatch', data: { batchId: 'b-1', currency: 'EUR', asOf: NOW, createdBy: 'ann', items: [item('i-1'), item('i-2')], skipped: [], skippedCount: 0, now: NOW } }).then([created()]));
  it('refuses a batch with no item (409 empty_batch) and a second creation', () => {
    spec.given([]).when({ type: 'CreatePayoutBatch', data: { batchId: 'b-1', currency: 'EUR', asOf: NOW, createdBy: 'ann', items: [], skipped: [], skippedCount: 0, now: NOW } }).thenThrows(EmptyBatch, 'empty_batch');
    spec.given([created()]).when({ type: 'CreatePayoutBatch', data: { batchId: 'b-1', currency: 'EUR', asOf: NOW, createdBy: 'ann', items: [item('i-1')], skipped: [], skippedCount: 0, now: NOW } }).thenThrows(PayoutBatchExists);
  });
});

describe('four eyes', () => {
  it('the creator cannot approve (409 same_actor); another person can, once', () => {
    spec.given([created()]).when({ type: 'ApprovePayoutBatch', data: { approvedBy: 'ann', role: 'inf_finance', now: NOW } }).thenThrows(SameActor, 'same_actor');
    spec.given([created()]).when({ type: 'ApprovePayoutBatch', data: { approvedBy: 'bob', role: 'inf_finance', now: NOW } }).then([approved]);
    spec.given([created(), approved]).when({ type: 'ApprovePayoutBatch', data: { approvedBy: 'bob', role: 'inf_finance', now: NOW } }).then([]);
  });
  it('execution needs the approval', () => spec.given([created()]).when({ type: 'StartPayoutExecution', data: { startedBy: 'ann', now: NOW } }).thenThrows(InvalidBatchTransition, 'not_approved'));
  it('an executing batch resumes (no event): the caller sends what is pending', () => spec.given(executing).when({ type: 'StartPayoutExecution', data: { startedBy: 'x', now: NOW } }).then([]));
});

describe('cancelling', () => {
  const cancel = { type: 'CancelPayoutBatch' as const, data: { cancelledBy: 'ann', reasonCode: 'wrong_period', now: NOW } };
  it('before execution', () => {
    spec.given([created(), approved]).when(cancel).then([{ type: 'PayoutBatchCancelled', data: { batchId: 'b-1', cancelledBy: 'ann', reasonCode: 'wrong_period', at: NOW } }]);
    spec.given(executing).when(cancel).thenThrows(InvalidBatchTransition, 'not_cancellable');
  });
});

describe('items', () => {
  it('pending → posted once; a stale failure after the post changes nothing', () => {
    spec.given(executing).when(outcome({ itemId: 'i-1', outcome: 'posted', providerRef: 'ref-i-1' })).then([posted('i-1')]);
    spec.given([...executing, posted('i-1')]).when(outcome({ itemId: 'i-1', outcome: 'posted', providerRef: 'ref-i-1' })).then([]);
    spec.given([...executing, posted('i-1')]).when(outcome({ itemId: 'i-1', outcome: 'failed', failureCode: 'x', failureMessage: 'y' })).then([]);
  });
  it('retry re-sends failed items only, up to the attempt limit', () => {
    spec.given([...executing, posted('i-1'), failed('i-2')]).when({ type: 'RetryPayoutBatch', data: { now: NOW } }).then([retried('i-2')]);
    spec.given([...executing, posted('i-1'), posted('i-2')]).when({ type: 'RetryPayoutBatch', data: { now: NOW } }).then([]);
    const exhausted = Array.from({ length: LIMITS.payouts.attemptsPerItem }, (_, i) => [failed('i-2', i + 1), retried('i-2')]).flat().slice(0, -1);
    spec.given([...executing, posted('i-1'), ...exhausted]).when({ type: 'RetryPayoutBatch', data: { now: NOW } }).then([]);
  });
  it('a failed item is posted by a later answer (the provider did it after all)', () =>
    spec.given([...executing, failed('i-1', 1, 'provider_timeout')]).when(outcome({ itemId: 'i-1', outcome: 'posted', providerRef: 'ref-i-1' })).then([posted('i-1')]));
  it('only a posted item is returned', () => {
    spec.given([...executing, posted('i-1')]).when(outcome({ itemId: 'i-1', outcome: 'returned', reasonCode: 'AC04' })).then([{ type: 'PayoutItemReturned', data: { batchId: 'b-1', itemId: 'i-1', reasonCode: 'AC04', at: NOW } }]);
    spec.given(executing).when(outcome({ itemId: 'i-1', outcome: 'returned', reasonCode: 'AC04' })).thenThrows(InvalidItemTransition, 'item_not_posted');
  });
  it('cancels a failed item, not one whose outcome is unknown (retry it first)', () => {
    const cancel = { type: 'CancelPayoutItem' as const, data: { itemId: 'i-2', reasonCode: 'account_closed', now: NOW } };
    spec.given([...executing, failed('i-2')]).when(cancel).then([{ type: 'PayoutItemCancelled', data: { batchId: 'b-1', itemId: 'i-2', reasonCode: 'account_closed', at: NOW } }]);
    spec.given([...executing, failed('i-2', 1, 'provider_timeout')]).when(cancel).thenThrows(InvalidItemTransition, 'outcome_unknown');
    spec.given([...executing, posted('i-2')]).when(cancel).thenThrows(InvalidItemTransition, 'item_not_cancellable');
  });
});

describe('the status a batch shows', () => {
  const status = (events: PayoutBatchEvent[]) => statusOf(evolveAll(payoutBatchDecider, events) as Batch);
  it('executing while an item is pending, then paid or partially_paid', () => {
    expect(status([created()])).toBe('scheduled');
    expect(status([...executing, posted('i-1')])).toBe('executing');
    expect(status([...executing, posted('i-1'), posted('i-2')])).toBe('paid');
    expect(status([...executing, posted('i-1'), failed('i-2')])).toBe('partially_paid');
    expect(status([...executing, posted('i-1'), failed('i-2'), retried('i-2')])).toBe('executing');
  });
});
