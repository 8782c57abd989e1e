// Proves, for random histories of payable earnings, batches (created, approved, cancelled, executed), provider answers (posted, failed, timed out, posted later), retries, item cancellations, provider returns and clawbacks before and after payment (fast-check, 300 runs over the composed ledger and payout deciders): no earning is ever locked to two open batches, no item is posted twice, every payout pays exactly its earnings' locked balances and never more than the payable balance net of recoveries, and the ledger's conservation holds per earning.
import fc from 'fast-check';
import type { DomainEvent } from '@ledger/contracts';
import { bucketsOf, sumBuckets, type EarningLedgerCommand } from '@ledger/ledger';
import { isOpen, type Batch, type PayoutBatchCommand } from '@ledger/payouts';
import { NOW, PayoutModel } from '../support/payout-model';

const INFLUENCERS = ['inf-a', 'inf-b', 'inf-c'];
const CAMPAIGNS = ['c-1', 'c-2'];

type Op =
  | { kind: 'accrue'; influencer: number; campaign: number; amount: number }
  | { kind: 'create' }
  | { kind: 'approve' | 'cancel' | 'execute' | 'retry'; batch: number }
  | { kind: 'answer'; batch: number; item: number; outcome: 'posted' | 'failed' | 'timeout' }
  | { kind: 'cancelItem' | 'return'; batch: number; item: number }
  | { kind: 'clawback'; earning: number; share: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('accrue' as const), influencer: fc.nat(2), campaign: fc.nat(1), amount: fc.integer({ min: 1, max: 5_000 }) }),
  fc.constant({ kind: 'create' as const }),
  fc.record({ kind: fc.constantFrom('approve' as const, 'cancel' as const, 'execute' as const, 'retry' as const), batch: fc.nat(5) }),
  fc.record({ kind: fc.constant('answer' as const), batch: fc.nat(5), item: fc.nat(3), outcome: fc.constantFrom('posted' as const, 'failed' as const, 'timeout' as const) }),
  fc.record({ kind: fc.constantFrom('cancelItem' as const, 'return' as const), batch: fc.nat(5), item: fc.nat(3) }),
  fc.record({ kind: fc.constant('clawback' as const), earning: fc.nat(30), share: fc.integer({ min: 1, max: 100 }) }),
);

const MIN_PAYOUTS = new Map([['c-1', 1_000]]); // c-2 has no minimum

function apply(model: PayoutModel, o: Op, batchIds: string[], earningIds: string[]): void {
  const batchId = (i: number) => batchIds[i % Math.max(batchIds.length, 1)];
  const batchOf = (id: string | undefined) => (id === undefined ? undefined : (model.batches.get(id) as Batch | undefined));
  const itemOf = (batch: Batch, i: number) => [...batch.items.values()][i % batch.items.size]!;
  const none = (): EarningLedgerCommand[] => [];
  try {
    switch (o.kind) {
      case 'accrue': {
        const id = `e-${earningIds.length}`;
        model.accrue(id, INFLUENCERS[o.influencer]!, CAMPAIGNS[o.campaign]!, o.amount);
        earningIds.push(id);
        return;
      }
      case 'create': {
        const id = `b-${batchIds.length}`;
        if (model.create(id, MIN_PAYOUTS) !== null) batchIds.push(id);
        return;
      }
      case 'approve':
      case 'cancel':
      case 'execute':
      case 'retry': {
        const id = batchId(o.batch);
        const batch = batchOf(id);
        if (!batch) return;
        const command: PayoutBatchCommand =
          o.kind === 'approve' ? { type: 'ApprovePayoutBatch', data: { approvedBy: 'bob', role: 'inf_finance', now: NOW } }
          : o.kind === 'cancel' ? { type: 'CancelPayoutBatch', data: { cancelledBy: 'ann', reasonCode: 'x', now: NOW } }
          : o.kind === 'execute' ? { type: 'StartPayoutExecution', data: { startedBy: 'ann', now: NOW } }
          : { type: 'RetryPayoutBatch', data: { now: NOW } };
        model.step(id!, command, (after) =>
          o.kind === 'cancel'
            ? [...after.items.values()].flatMap((item) => item.earnings.map((e): EarningLedgerCommand => ({ type: 'UnfinalizeEarning', data: { earningId: e.earningId, batchId: id!, itemId: item.itemId, reasonCode: 'x', now: NOW } })))
            : [],
        );
        return;
      }
      case 'answer':
      case 'cancelItem':
      case 'return': {
        const id = batchId(o.batch);
        const batch = batchOf(id);
        if (!batch || batch.items.size === 0) return;
        const item = itemOf(batch, o.item);
        const earningsOf = (make: (earningId: string) => EarningLedgerCommand) => () => item.earnings.map((e) => make(e.earningId));
        if (o.kind === 'cancelItem') {
          model.step(id!, { type: 'CancelPayoutItem', data: { itemId: item.itemId, reasonCode: 'x', now: NOW } }, earningsOf((earningId) => ({ type: 'UnfinalizeEarning', data: { earningId, batchId: id!, itemId: item.itemId, reasonCode: 'x', now: NOW } })));
        } else if (o.kind === 'return') {
          model.step(id!, { type: 'RecordItemOutcome', data: { itemId: item.itemId, outcome: 'returned', reasonCode: 'AC04', now: NOW } }, earningsOf((earningId) => ({ type: 'ReturnPayment', data: { earningId, batchId: id!, itemId: item.itemId, reasonCode: 'AC04', now: NOW } })));
        } else if (o.kind === 'answer' && o.outcome === 'posted') {
          model.step(id!, { type: 'RecordItemOutcome', data: { itemId: item.itemId, outcome: 'posted', providerRef: `ref-${item.itemId}`, now: NOW } }, earningsOf((earningId) => ({ type: 'MarkEarningPaid', data: { earningId, payoutId: `${id}:${item.itemId}`, now: NOW } })));
        } else {
          const failureCode = o.kind === 'answer' && o.outcome === 'timeout' ? 'provider_timeout' : 'account_rejected';
          model.step(id!, { type: 'RecordItemOutcome', data: { itemId: item.itemId, outcome: 'failed', failureCode, failureMessage: 'no', now: NOW } }, none);
        }
        return;
      }
      case 'clawback': {
        const earning = model.ledger.earnings.get(earningIds[o.earning % Math.max(earningIds.length, 1)] ?? '');
        if (!earning) return;
        const cumulative = Math.min(earning.amount, earning.clawedBack + Math.ceil((earning.amount * o.share) / 100));
        model.clawBack(earning.earningId, cumulative, `r-${model.log.length}`);
        return;
      }
    }
  } catch (error) {
    // A refusal (a 4xx) leaves everything as it was; anything else (an invariant) is a bug.
    if (!(error instanceof Error && 'kind' in error)) throw error;
  }
}

function checkInvariants(model: PayoutModel): void {
  // No earning in two open batches, and the ledger's lock names the one open batch holding it.
  const openHolders = new Map<string, string[]>();
  for (const [batchId, state] of model.batches) {
    const batch = state as Batch;
    if (!isOpen(batch)) continue;
    for (const item of batch.items.values()) {
      if (item.state === 'pending' || item.state === 'failed') for (const e of item.earnings) openHolders.set(e.earningId, [...(openHolders.get(e.earningId) ?? []), `${batchId}:${item.itemId}`]);
    }
  }
  for (const [earningId, holders] of openHolders) {
    expect(holders).toHaveLength(1);
    const locked = model.ledger.earnings.get(earningId)!.finalized;
    expect(locked && `${locked.batchId}:${locked.itemId}`).toBe(holders[0]);
  }
  // No item posted twice.
  const posted = model.log.filter((e): e is DomainEvent<'PayoutItemPosted'> => e.type === 'PayoutItemPosted').map((e) => `${e.data.batchId}:${e.data.itemId}`);
  expect(new Set(posted).size).toBe(posted.length);
  // A payout pays exactly its earnings' locked balances: positive, and never more than what was payable net of recoveries.
  for (const state of model.batches.values()) {
    for (const item of (state as Batch).items.values()) {
      const locked = item.earnings.reduce((sum, e) => sum + e.amount, 0);
      expect(item.amount).toBe(locked);
      expect(item.amount).toBe(item.gross - item.recovered);
      expect(item.amount).toBeGreaterThan(0);
      expect(item.recovered).toBeLessThan(item.gross);
    }
  }
  for (const earning of model.ledger.earnings.values()) {
    // Conservation; paid never above the accrued amount (a payout never pays more than was earned).
    expect(sumBuckets(bucketsOf(earning))).toBe(earning.amount);
    expect(earning.paid).toBeLessThanOrEqual(earning.amount);
  }
  // What went out (posted, not returned) is what the earnings record as paid, per influencer.
  const sent = new Map<string, number>();
  for (const state of model.batches.values()) {
    for (const item of (state as Batch).items.values()) if (item.state === 'posted') sent.set(item.influencerId, (sent.get(item.influencerId) ?? 0) + item.amount);
  }
  const paid = new Map<string, number>();
  for (const earning of model.ledger.earnings.values()) paid.set(earning.influencerId, (paid.get(earning.influencerId) ?? 0) + earning.paid);
  for (const influencer of INFLUENCERS) expect(paid.get(influencer) ?? 0).toBe(sent.get(influencer) ?? 0);
}

it('random histories keep payouts single, locked and within the payable balance', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
      const model = new PayoutModel();
      const batchIds: string[] = [];
      const earningIds: string[] = [];
      for (const o of ops) {
        apply(model, o, batchIds, earningIds);
        checkInvariants(model);
      }
    }),
    { numRuns: 300 },
  );
});
