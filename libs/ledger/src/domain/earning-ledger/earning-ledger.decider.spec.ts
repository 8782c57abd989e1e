// Proves the earning ledger decider: accrual with a period hold, manual/fraud holds, early and due releases, clawbacks, payment, every refusal and the modification limit; given/when/then.
import type { DomainEvent, EarningClawedBack } from '@ledger/contracts';
import { AssertionFailed, Conflict, DeciderSpecification, evolveAll, LIMITS, NotFound, ValidationFailed } from '@ledger/kernel';
import { bucketsOf } from './earning';
import { earningLedgerDecider } from './earning-ledger.decider';
import {
  accrual,
  accrued,
  AFTER_HOLD,
  clawedBack,
  HOLD_UNTIL,
  holdPlaced,
  LATER,
  ORDER_AT,
  paid,
  registered,
  released,
} from './testing/fixtures';
import { earningOf } from './earning-ledger.state';

const spec = DeciderSpecification.for(earningLedgerDecider);
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);
const fold = (events: DomainEvent[]) => evolveAll(earningLedgerDecider, events);

// Histories that put earning e-1 (1 000 EUR) in each state.
const held = accrued();
const payable = [...held, released('e-1', 'period', false)];
const paidOut = [...payable, paid('e-1', 1_000)];
const clawedBackFully = [...held, clawedBack('e-1', 1_000, 1_000)];
const manuallyHeld = [...held, holdPlaced('e-1', 'manual')];

describe('earning ledger decider', () => {
  describe('AccrueEarning', () => {
    it('accrues and holds for the period at once: holdUntil = occurredAt + holdDays', () => {
      spec.given([registered]).when({ type: 'AccrueEarning', data: accrual() }).then(accrued());
    });

    it('holds until the order time when holdDays is 0', () => {
      spec.given([]).when({ type: 'AccrueEarning', data: accrual('e-2', 500, { occurredAt: '2026-03-01T11:00:00+01:00', holdDays: 0 } as never) }).then(accrued('e-2', 500, '2026-03-01T10:00:00.000Z', { occurredAt: '2026-03-01T11:00:00+01:00' }));
    });

    it('accrues an earning once (a process-manager re-run adds nothing)', () => {
      spec.given(held).when({ type: 'AccrueEarning', data: accrual() }).then([]);
      spec.given(paidOut).when({ type: 'AccrueEarning', data: accrual() }).then([]);
    });

    it('refuses invalid accruals, listing every field', () => {
      spec
        .given([])
        .when({ type: 'AccrueEarning', data: { ...accrual('e-1', 0), level: 0, holdDays: -1, occurredAt: 'today', amount: { amount: 0, currency: 'eur' } } })
        .thenThrows(fieldsAre(['level', 'amount.amount', 'amount.currency', 'holdDays', 'occurredAt']));
      spec.given([]).when({ type: 'AccrueEarning', data: accrual('e-1', 10.5) }).thenThrows(fieldsAre(['amount.amount']));
    });
  });

  describe('PlaceHold', () => {
    const command = (kind: 'manual' | 'fraud' = 'manual', reasonCode = 'kyc_pending') => ({ type: 'PlaceHold' as const, data: { earningId: 'e-1', kind, reasonCode, now: LATER } });

    it('turns a period hold into a manual hold', () => {
      spec.given(held).when(command()).then([holdPlaced('e-1', 'manual')]);
    });

    it('holds a payable earning (fraud) and a pending one', () => {
      spec.given(payable).when(command('fraud', 'velocity')).then([holdPlaced('e-1', 'fraud', LATER, 'velocity')]);
      spec.given(held.slice(0, 1)).when(command()).then([holdPlaced('e-1', 'manual')]);
    });

    it('records a note', () => {
      spec
        .given(held)
        .when({ type: 'PlaceHold', data: { earningId: 'e-1', kind: 'manual', reasonCode: 'kyc_pending', note: 'passport expired', now: LATER } })
        .then([{ type: 'HoldPlaced', data: { earningId: 'e-1', kind: 'manual', reasonCode: 'kyc_pending', note: 'passport expired', at: LATER } }]);
    });

    it('adds nothing when already held the same way; escalates manual to fraud', () => {
      spec.given(manuallyHeld).when(command('manual', 'other_reason')).then([]);
      spec.given(manuallyHeld).when(command('fraud', 'self_referral')).then([holdPlaced('e-1', 'fraud', LATER, 'self_referral')]);
    });

    it('holds a partly clawed-back earning', () => {
      spec.given([...payable, clawedBack('e-1', 400, 400)]).when(command()).then([holdPlaced('e-1', 'manual')]);
    });

    it('refuses a paid or fully clawed-back earning', () => {
      spec.given(paidOut).when(command()).thenThrows(Conflict, 'LEDGER.HOLD_NOT_PLACEABLE');
      spec.given(clawedBackFully).when(command()).thenThrows(Conflict, 'LEDGER.HOLD_NOT_PLACEABLE');
    });

    it('refuses an unknown earning', () => {
      spec.given([registered]).when(command()).thenThrows(NotFound, 'LEDGER.EARNING_NOT_FOUND');
    });

    it('requires a reason code and a manual or fraud kind', () => {
      spec.given(held).when(command('manual', ' ')).thenThrows(fieldsAre(['reasonCode']));
      spec.given(held).when({ type: 'PlaceHold', data: { earningId: 'e-1', kind: 'period' as never, reasonCode: 'x', note: '', now: LATER } }).thenThrows(fieldsAre(['kind', 'note']));
    });
  });

  describe('ReleaseHold (early, by finance)', () => {
    const command = { type: 'ReleaseHold' as const, data: { earningId: 'e-1', reasonCode: 'finance_ok', now: LATER } };

    it('releases a period hold early', () => {
      spec.given(held).when(command).then([released('e-1', 'period', true)]);
    });

    it('releases a manual or fraud hold', () => {
      spec.given(manuallyHeld).when(command).then([released('e-1', 'manual', true)]);
      spec.given([...held, holdPlaced('e-1', 'fraud')]).when(command).then([released('e-1', 'fraud', true)]);
    });

    it.each([
      ['payable', payable],
      ['paid', paidOut],
      ['clawed_back', clawedBackFully],
      ['pending', held.slice(0, 1)],
    ])('refuses a %s earning', (_state, history) => {
      spec.given(history).when(command).thenThrows(Conflict, 'LEDGER.HOLD_NOT_RELEASABLE');
    });

    it('refuses an unknown earning and a missing reason', () => {
      spec.given([]).when(command).thenThrows(NotFound, 'LEDGER.EARNING_NOT_FOUND');
      spec.given(held).when({ type: 'ReleaseHold', data: { earningId: 'e-1', reasonCode: '', now: 'now' } }).thenThrows(fieldsAre(['reasonCode', 'now']));
    });
  });

  describe('ReleaseDueHolds', () => {
    const asOf = (at: string) => ({ type: 'ReleaseDueHolds' as const, data: { asOf: at } });

    it('releases period holds ended by asOf, at their holdUntil, earliest first', () => {
      const history = [...accrued('e-2', 300, '2026-03-20T00:00:00.000Z'), ...accrued('e-1'), ...accrued('e-3', 300, '2026-05-01T00:00:00.000Z')];
      spec.given(history).when(asOf(AFTER_HOLD)).then([released('e-2', 'period', false, '2026-03-20T00:00:00.000Z'), released('e-1', 'period', false, HOLD_UNTIL)]);
    });

    it('releases a hold ending exactly at asOf, and none before', () => {
      spec.given(held).when(asOf(HOLD_UNTIL)).then([released('e-1', 'period', false)]);
      spec.given(held).when(asOf('2026-03-31T09:59:59.999Z')).then([]);
    });

    it('leaves manual and fraud holds held past holdUntil', () => {
      spec.given(manuallyHeld).when(asOf(AFTER_HOLD)).then([]);
      spec.given([...held, holdPlaced('e-1', 'fraud')]).when(asOf(AFTER_HOLD)).then([]);
    });

    it('is idempotent: released, clawed back or paid earnings are not released again', () => {
      spec.given(payable).when(asOf(AFTER_HOLD)).then([]);
      spec.given(clawedBackFully).when(asOf(AFTER_HOLD)).then([]);
      spec.given(paidOut).when(asOf(AFTER_HOLD)).then([]);
    });

    it('releases a partly clawed-back held earning', () => {
      spec.given([...held, clawedBack('e-1', 100, 100)]).when(asOf(AFTER_HOLD)).then([released('e-1', 'period', false)]);
    });

    it(`releases at most ${LIMITS.ledger.releaseDueBatch} per command`, () => {
      const many = Array.from({ length: LIMITS.ledger.releaseDueBatch + 1 }, (_, i) => accrued(`e-${String(i).padStart(5, '0')}`)).flat();
      const emitted = earningLedgerDecider.decide(asOf(AFTER_HOLD), fold(many));
      expect(emitted).toHaveLength(LIMITS.ledger.releaseDueBatch);
      expect(emitted[0]?.data.earningId).toBe('e-00000');
    });

    it('refuses an invalid asOf', () => {
      spec.given(held).when(asOf('2026-04-02')).thenThrows(fieldsAre(['asOf']));
    });
  });

  describe('ClawBack', () => {
    const command = (cumulative: number, reference: EarningClawedBack['reference'] = { kind: 'return', id: `r-${cumulative}` }, reasonCode?: string) => ({
      type: 'ClawBack' as const,
      data: { earningId: 'e-1', cumulative, reference, ...(reasonCode === undefined ? {} : { reasonCode }), occurredAt: LATER },
    });

    it('claws back part of a held earning, which stays held', () => {
      spec.given(held).when(command(300)).then([clawedBack('e-1', 300, 300)]);
      const state = fold([...held, clawedBack('e-1', 300, 300)]);
      expect(earningOf(state, 'e-1')?.state).toBe('held');
    });

    it('appends only the difference to the cumulative total', () => {
      spec.given([...held, clawedBack('e-1', 300, 300)]).when(command(500)).then([clawedBack('e-1', 200, 500)]);
    });

    it('makes a fully clawed-back earning clawed_back, from any state before payment', () => {
      for (const history of [held, payable, manuallyHeld, held.slice(0, 1)]) {
        spec.given(history).when(command(1_000, { kind: 'cancellation', id: 'o-e-1' })).then([clawedBack('e-1', 1_000, 1_000, { kind: 'cancellation', id: 'o-e-1' })]);
        expect(earningOf(fold([...history, clawedBack('e-1', 1_000, 1_000)]), 'e-1')?.state).toBe('clawed_back');
      }
    });

    it('after payment leaves the earning paid with a negative payable balance', () => {
      spec.given(paidOut).when(command(400)).then([clawedBack('e-1', 400, 400)]);
      const earning = earningOf(fold([...paidOut, clawedBack('e-1', 400, 400)]), 'e-1');
      expect(earning?.state).toBe('paid');
      expect(earning && bucketsOf(earning)).toEqual({ pending: 0, held: 0, payable: -400, paid: 1_000, clawedBack: 400 });
    });

    it('claws back once per reference', () => {
      spec.given([...held, clawedBack('e-1', 300, 300, { kind: 'return', id: 'r-1' })]).when(command(600, { kind: 'return', id: 'r-1' })).then([]);
    });

    it('adds nothing when the total is already reached (facts in another order, or a fraud reversal first)', () => {
      spec.given([...held, clawedBack('e-1', 1_000, 1_000, { kind: 'cancellation', id: 'o-e-1' })]).when(command(300)).then([]);
      spec.given([...held, clawedBack('e-1', 500, 500)]).when(command(500, { kind: 'return', id: 'r-other' })).then([]);
      spec.given(held).when(command(0)).then([]);
    });

    it('uses the reference kind for the default reason and keeps an explicit one', () => {
      spec.given(held).when(command(1_000, { kind: 'fraud', id: 'flag-1' })).then([clawedBack('e-1', 1_000, 1_000, { kind: 'fraud', id: 'flag-1' })]);
      spec
        .given(held)
        .when(command(10, { kind: 'return', id: 'r-9' }, 'damaged'))
        .then([{ type: 'EarningClawedBack', data: { earningId: 'e-1', amount: { amount: 10, currency: 'EUR' }, cumulative: 10, reference: { kind: 'return', id: 'r-9' }, reasonCode: 'damaged', at: LATER } }]);
    });

    it('refuses more than the amount', () => {
      spec.given(held).when(command(1_001)).thenThrows(Conflict, 'LEDGER.CLAWBACK_EXCEEDS_AMOUNT');
    });

    it('refuses an unknown earning and invalid input', () => {
      spec.given([]).when(command(1)).thenThrows(NotFound, 'LEDGER.EARNING_NOT_FOUND');
      spec
        .given(held)
        .when({ type: 'ClawBack', data: { earningId: 'e-1', cumulative: 1.5, reference: { kind: 'refund' as never, id: '' }, occurredAt: LATER } })
        .thenThrows(fieldsAre(['cumulative', 'reference.kind', 'reference.id']));
    });
  });

  describe('MarkEarningPaid', () => {
    const command = (payoutId = 'p-1') => ({ type: 'MarkEarningPaid' as const, data: { earningId: 'e-1', payoutId, now: AFTER_HOLD } });

    it('pays a payable earning what is left after clawbacks', () => {
      spec.given(payable).when(command()).then([paid('e-1', 1_000)]);
      spec.given([...payable, clawedBack('e-1', 250, 250)]).when(command()).then([paid('e-1', 750)]);
    });

    it('recovers a clawback made after payment from the next payout', () => {
      spec.given([...paidOut, clawedBack('e-1', 400, 400)]).when(command('p-2')).then([paid('e-1', -400, 'p-2')]);
      const earning = earningOf(fold([...paidOut, clawedBack('e-1', 400, 400), paid('e-1', -400, 'p-2')]), 'e-1');
      expect(earning && bucketsOf(earning)).toEqual({ pending: 0, held: 0, payable: 0, paid: 600, clawedBack: 400 });
    });

    it('is idempotent by payout id', () => {
      spec.given(paidOut).when(command('p-1')).then([]);
    });

    it.each([
      ['pending', held.slice(0, 1)],
      ['held', held],
      ['clawed_back', clawedBackFully],
      ['paid and settled', paidOut],
    ])('refuses a %s earning', (_state, history) => {
      spec.given(history).when(command('p-9')).thenThrows(Conflict, 'LEDGER.EARNING_NOT_PAYABLE');
    });

    it('refuses an unknown earning and a blank payout id', () => {
      spec.given([]).when(command()).thenThrows(NotFound, 'LEDGER.EARNING_NOT_FOUND');
      spec.given(payable).when(command(' ')).thenThrows(fieldsAre(['payoutId']));
    });
  });

  describe(`modification limit (${LIMITS.ledger.modificationsPerEarning} per earning)`, () => {
    const limit = LIMITS.ledger.modificationsPerEarning;
    // Each manual hold and each early release is one modification.
    const cycles = (n: number) => Array.from({ length: n }, () => [holdPlaced('e-1', 'manual'), released('e-1', 'manual', true)]).flat();
    const atLimitMinusOne = [...payable, ...cycles((limit - 2) / 2), holdPlaced('e-1', 'manual')];
    const atLimit = [...atLimitMinusOne, released('e-1', 'manual', true)];

    it('allows the last modification and refuses the next', () => {
      expect(earningOf(fold(atLimit), 'e-1')?.modifications).toBe(limit);
      spec.given(atLimitMinusOne).when({ type: 'ReleaseHold', data: { earningId: 'e-1', reasonCode: 'finance_ok', now: LATER } }).then([released('e-1', 'manual', true)]);
      spec.given(atLimit).when({ type: 'PlaceHold', data: { earningId: 'e-1', kind: 'manual', reasonCode: 'again', now: LATER } }).thenThrows(Conflict, 'LEDGER.MODIFICATION_LIMIT_REACHED');
    });

    it('refuses an early release at the limit; a clawback from the facts still applies', () => {
      const heldAtLimit = [...atLimitMinusOne.slice(0, -1), holdPlaced('e-1', 'fraud'), holdPlaced('e-1', 'manual')];
      expect(earningOf(fold(heldAtLimit), 'e-1')?.modifications).toBe(limit);
      spec.given(heldAtLimit).when({ type: 'ReleaseHold', data: { earningId: 'e-1', reasonCode: 'ok', now: LATER } }).thenThrows(Conflict, 'LEDGER.MODIFICATION_LIMIT_REACHED');
      spec.given(heldAtLimit).when({ type: 'ClawBack', data: { earningId: 'e-1', cumulative: 10, reference: { kind: 'return', id: 'r-10' }, occurredAt: LATER } }).then([clawedBack('e-1', 10, 10)]);
    });
  });

  describe('evolve', () => {
    it('ignores the profile events of the influencer stream', () => {
      const state = fold([registered, ...held, { type: 'InfluencerSuspended', data: { influencerId: 'inf-1', reasonCode: 'x', at: LATER } } as DomainEvent]);
      expect(earningOf(state, 'e-1')?.state).toBe('held');
      expect(state.earnings.size).toBe(1);
    });

    it('keeps the period end after a manual hold replaced the period hold', () => {
      const earning = earningOf(fold(manuallyHeld), 'e-1');
      expect(earning?.state === 'held' && earning.hold).toEqual({ kind: 'manual', reasonCode: 'kyc_pending' });
      expect(earning?.holdUntil).toBe(HOLD_UNTIL);
      expect(earning?.accruedAt).toBe(ORDER_AT);
    });

    it.each([
      ['a clawback beyond the amount', [...held, clawedBack('e-1', 1_001, 1_001)]],
      ['a clawback whose cumulative does not add up', [...held, clawedBack('e-1', 100, 300)]],
      ['a fractional accrual', accrued('e-1', 10.5)],
      ['an event for an earning never accrued', [released('e-1', 'period', false)]],
      ['a second accrual of one earning', [...held, ...held]],
      ['a release of a payable earning', [...payable, released('e-1', 'period', false)]],
      ['a due release of a manual hold', [...manuallyHeld, released('e-1', 'manual', false)]],
      ['a payment that does not settle the balance', [...payable, paid('e-1', 999)]],
      ['a payment of a held earning', [...held, paid('e-1', 1_000)]],
    ])('asserts against %s', (_name, events) => {
      expect(() => fold(events)).toThrow(AssertionFailed);
    });
  });
});
