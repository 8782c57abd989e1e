// Proves the ledger's payout side given/when/then: FinalizeEarning locks a payable (or recoverable) balance to one batch item and refuses an earning locked elsewhere, MarkEarningPaid pays what was locked (a clawback after the lock becomes recoverable), UnfinalizeEarning and ReturnPayment put the earning back to payable — each idempotent.
import { DeciderSpecification } from '@ledger/kernel';
import { earningLedgerDecider } from './earning-ledger.decider';
import { EarningLockedToAnotherPayout, EarningNotPayable, PaymentNotReturnable } from './earning-ledger.errors';
import { bucketsOf } from './earning';
import { evolveEarningLedger, initialEarningLedgerState, type EarningLedgerEvent } from './earning-ledger.state';
import { accrued, AFTER_HOLD, clawedBack, released } from './testing/fixtures';

const spec = DeciderSpecification.for(earningLedgerDecider);
const NOW = AFTER_HOLD;
const payable = [...accrued('e-1', 1_000), released('e-1', 'period', false)];
const finalized = (batchId = 'b-1', itemId = 'i-1', amount = 1_000): EarningLedgerEvent => ({ type: 'EarningFinalized', data: { earningId: 'e-1', batchId, itemId, amount: { amount, currency: 'EUR' }, at: NOW } });
const paidBy = (amount: number, batchId = 'b-1', itemId = 'i-1'): EarningLedgerEvent => ({ type: 'EarningPaid', data: { earningId: 'e-1', amount: { amount, currency: 'EUR' }, payoutId: `${batchId}:${itemId}`, at: NOW } });
const finalize = (batchId = 'b-1', itemId = 'i-1') => ({ type: 'FinalizeEarning' as const, data: { earningId: 'e-1', batchId, itemId, now: NOW } });
const pay = (batchId = 'b-1', itemId = 'i-1') => ({ type: 'MarkEarningPaid' as const, data: { earningId: 'e-1', payoutId: `${batchId}:${itemId}`, now: NOW } });

describe('FinalizeEarning', () => {
  it('locks the payable balance to the item', () => spec.given(payable).when(finalize()).then([finalized()]));
  it('is a no-op for the same item, refused for another batch (never in two open batches)', () => {
    spec.given([...payable, finalized()]).when(finalize()).then([]);
    spec.given([...payable, finalized()]).when(finalize('b-2', 'i-9')).thenThrows(EarningLockedToAnotherPayout, 'LEDGER.EARNING_FINALIZED');
  });
  it('refuses an earning with nothing to settle (held, or paid in full)', () => {
    spec.given(accrued('e-1', 1_000)).when(finalize()).thenThrows(EarningNotPayable);
    spec.given([...payable, finalized(), paidBy(1_000)]).when(finalize('b-2', 'i-2')).thenThrows(EarningNotPayable);
  });
  it('locks a recoverable (negative) balance left by a clawback after payment', () =>
    spec.given([...payable, finalized(), paidBy(1_000), clawedBack('e-1', 400, 400)]).when(finalize('b-2', 'i-2')).then([finalized('b-2', 'i-2', -400)]));
});

describe('MarkEarningPaid on a locked earning', () => {
  it('pays the locked amount, once', () => {
    spec.given([...payable, finalized()]).when(pay()).then([paidBy(1_000)]);
    spec.given([...payable, finalized(), paidBy(1_000)]).when(pay()).then([]);
  });
  it('refuses another payout than the one it is locked to', () => spec.given([...payable, finalized()]).when(pay('b-2', 'i-2')).thenThrows(EarningLockedToAnotherPayout));
  it('a return between lock and payment leaves a recoverable balance', () => {
    const events = [...payable, finalized(), clawedBack('e-1', 1_000, 1_000), paidBy(1_000)];
    spec.given(events.slice(0, -1)).when(pay()).then([paidBy(1_000)]);
    const earning = events.reduce(evolveEarningLedger, initialEarningLedgerState()).earnings.get('e-1')!;
    expect(earning.state).toBe('paid');
    expect(bucketsOf(earning)).toEqual({ pending: 0, held: 0, payable: -1_000, paid: 1_000, clawedBack: 1_000 });
  });
  it('a recovery payment settles the negative balance', () =>
    spec.given([...payable, finalized(), paidBy(1_000), clawedBack('e-1', 400, 400), finalized('b-2', 'i-2', -400)]).when(pay('b-2', 'i-2')).then([paidBy(-400, 'b-2', 'i-2')]));
});

describe('UnfinalizeEarning', () => {
  const unfinalize = (itemId = 'i-1') => ({ type: 'UnfinalizeEarning' as const, data: { earningId: 'e-1', batchId: 'b-1', itemId, reasonCode: 'batch_cancelled', now: NOW } });
  it('unlocks the earning from its item; elsewhere or again: nothing', () => {
    spec.given([...payable, finalized()]).when(unfinalize()).then([{ type: 'EarningUnfinalized', data: { earningId: 'e-1', batchId: 'b-1', itemId: 'i-1', reasonCode: 'batch_cancelled', at: NOW } }]);
    spec.given([...payable, finalized()]).when(unfinalize('i-other')).then([]);
    spec.given(payable).when(unfinalize()).then([]);
  });
  it('a validation failure names the fields', () =>
    spec.given(payable).when({ type: 'UnfinalizeEarning', data: { earningId: 'e-1', batchId: '', itemId: ' ', reasonCode: '', now: 'later' } }).thenThrows((e) => JSON.stringify((e as { errors?: unknown }).errors).includes('batchId')));
});

describe('ReturnPayment', () => {
  const returnPayment = (itemId = 'i-1') => ({ type: 'ReturnPayment' as const, data: { earningId: 'e-1', batchId: 'b-1', itemId, reasonCode: 'AC04', now: NOW } });
  const returned: EarningLedgerEvent = { type: 'EarningPaymentReturned', data: { earningId: 'e-1', batchId: 'b-1', itemId: 'i-1', amount: { amount: 1_000, currency: 'EUR' }, reasonCode: 'AC04', at: NOW } };
  it('puts what the payment settled back to payable, once', () => {
    spec.given([...payable, finalized(), paidBy(1_000)]).when(returnPayment()).then([returned]);
    spec.given([...payable, finalized(), paidBy(1_000), returned]).when(returnPayment()).then([]);
    const earning = [...payable, finalized(), paidBy(1_000), returned].reduce(evolveEarningLedger, initialEarningLedgerState()).earnings.get('e-1')!;
    expect(earning.state).toBe('payable');
    expect(bucketsOf(earning)).toMatchObject({ payable: 1_000, paid: 0 });
  });
  it('refuses a payment that never happened', () => spec.given([...payable, finalized()]).when(returnPayment()).thenThrows(PaymentNotReturnable, 'LEDGER.PAYMENT_NOT_RETURNABLE'));
});
