// Proves the KPI earning fold: buckets always sum to the amount, clawbacks and payments land where the
// ledger puts them, and the other contexts' events (adjustment, payment returned, make-good), read by type
// name with their contract types, move the figures as the ledger does. Pure: events in, fact out.
import { factBuckets, foldEarningFact, type EarningFact, type FactEvent } from './earning-fact';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = (d: number) => `2026-03-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const fold = (events: FactEvent[]) => events.reduce<EarningFact | undefined>((fact, e) => foldEarningFact(fact, e) ?? fact, undefined)!;
const sum = (b: ReturnType<typeof factBuckets>) => b.pending + b.held + b.payable + b.paid + b.clawedBack;
const ACCRUED: FactEvent = {
  type: 'EarningAccrued', occurredAt: at(1),
  data: { earningId: 'e', influencerId: 'i', campaignId: 'c', orderId: 'o', channel: 'pos', level: 1, amount: eur(1_000), rulesVersion: 1, occurredAt: at(1), sourceRef: 's', calculation: {} },
};
const ev = (type: string, data: Record<string, unknown>, day: number): FactEvent => ({ type, data: { earningId: 'e', ...data }, occurredAt: at(day) });

it('accrued, held, partly clawed back, released, paid, clawed back after payment', () => {
  const steps = [
    ACCRUED,
    ev('HoldPlaced', { kind: 'period' }, 1),
    ev('EarningClawedBack', { amount: eur(200), cumulative: 200 }, 3),
    ev('HoldReleased', { kind: 'period' }, 15),
    ev('EarningPaid', { amount: eur(800) }, 20),
    ev('EarningClawedBack', { amount: eur(100), cumulative: 300 }, 22),
  ];
  const expected = [
    { state: 'pending', pending: 1_000, held: 0, payable: 0, paid: 0, clawedBack: 0 },
    { state: 'held', pending: 0, held: 1_000, payable: 0, paid: 0, clawedBack: 0 },
    { state: 'held', pending: 0, held: 800, payable: 0, paid: 0, clawedBack: 200 },
    { state: 'payable', pending: 0, held: 0, payable: 800, paid: 0, clawedBack: 200 },
    { state: 'paid', pending: 0, held: 0, payable: 0, paid: 800, clawedBack: 200 },
    { state: 'paid', pending: 0, held: 0, payable: -100, paid: 800, clawedBack: 300 },
  ];
  steps.forEach((_, i) => {
    const fact = fold(steps.slice(0, i + 1));
    expect({ state: fact.state, ...factBuckets(fact) }).toEqual(expected[i]);
    expect(sum(factBuckets(fact))).toBe(fact.amount);
  });
  const paid = fold(steps);
  expect({ approvedAt: paid.approvedAt, paidAt: paid.paidAt, exception: paid.exception }).toEqual({ approvedAt: at(15), paidAt: at(20), exception: false });
});

it('a fraud hold is an exception; a whole clawback before payment ends it clawed_back', () => {
  const held = fold([ACCRUED, ev('HoldPlaced', { kind: 'period' }, 1), ev('HoldPlaced', { kind: 'fraud' }, 2)]);
  expect(held.exception).toBe(true);
  const gone = fold([ACCRUED, ev('HoldPlaced', { kind: 'period' }, 1), ev('EarningClawedBack', { amount: eur(1_000), cumulative: 1_000 }, 2)]);
  expect({ state: gone.state, ...factBuckets(gone) }).toEqual({ state: 'clawed_back', pending: 0, held: 0, payable: 0, paid: 0, clawedBack: 1_000 });
});

it('reads the other contexts’ events by type: adjustment, payment returned, make-good', () => {
  const adjusted = fold([ACCRUED, ev('HoldPlaced', { kind: 'period' }, 1), ev('EarningAdjusted', { amount: eur(1_200) }, 2)]);
  expect(factBuckets(adjusted)).toMatchObject({ held: 1_200 });
  const returned = fold([ACCRUED, ev('HoldReleased', { kind: 'period' }, 2), ev('EarningPaid', { amount: eur(1_000) }, 3), ev('EarningPaymentReturned', { amount: eur(1_000) }, 4)]);
  expect({ state: returned.state, ...factBuckets(returned) }).toEqual({ state: 'payable', pending: 0, held: 0, payable: 1_000, paid: 0, clawedBack: 0 });
  // One of two payments returned: still paid, as the ledger has it; a returned payment of a wholly clawed-back earning ends it clawed_back.
  const twice = [ACCRUED, ev('HoldReleased', { kind: 'period' }, 2), ev('EarningPaid', { amount: eur(600) }, 3), ev('EarningPaid', { amount: eur(400) }, 4)];
  const oneReturned = fold([...twice, ev('EarningPaymentReturned', { amount: eur(400) }, 5)]);
  expect({ state: oneReturned.state, ...factBuckets(oneReturned) }).toEqual({ state: 'paid', pending: 0, held: 0, payable: 400, paid: 600, clawedBack: 0 });
  const nothingLeft = fold([...twice, ev('EarningClawedBack', { amount: eur(1_000), cumulative: 1_000 }, 5), ev('EarningPaymentReturned', { amount: eur(600) }, 6), ev('EarningPaymentReturned', { amount: eur(400) }, 7)]);
  expect(nothingLeft.state).toBe('clawed_back');
  expect(sum(factBuckets(nothingLeft))).toBe(nothingLeft.amount);
  const makeGood = fold([{ type: 'MakeGoodGranted', occurredAt: at(9), data: { earningId: 'm', influencerId: 'i', campaignId: 'c', amount: eur(300) } }]);
  expect(makeGood).toMatchObject({ kind: 'make_good', state: 'payable', approvedAt: at(9), occurredAt: at(9) });
  expect(factBuckets(makeGood).payable).toBe(300);
  expect(foldEarningFact(undefined, ev('HoldPlaced', { kind: 'period' }, 1))).toBeNull();
});
