// Proves the statement arithmetic purely: ledger events folded into facts (one table), facts placed in a statement
// (period, cutoff, previous statement → line, prior-period adjustment or excluded), totals and the closing formula
// computed by hand on fixed histories, and the pair assertion catching a fact whose effect contradicts its kind.
import { applyLedgerFact, type EarningBalance, type LedgerFact } from './ledger-facts';
import { calculateStatement, placeFact, zeroBalances, type PreviousStatement, type StatementFact } from './statement-calculation';

const EUR = 'EUR';
const e = (type: string, data: Record<string, unknown>) => ({ type, data: { earningId: 'e-1', ...data } });
const accrued = e('EarningAccrued', { influencerId: 'inf-1', campaignId: 'c-1', orderId: 'o-1', channel: 'ecommerce', level: 1, amount: { amount: 1_000, currency: EUR }, rulesVersion: 1, calculation: {}, occurredAt: '2026-03-02T10:00:00.000Z', sourceRef: 'scm-o-1' });

/** Folds events of one earning; returns the facts in order. */
function fold(events: Array<{ type: string; data: unknown }>): { facts: LedgerFact[]; balance: EarningBalance | undefined } {
  let balance: EarningBalance | undefined;
  const facts: LedgerFact[] = [];
  for (const event of events) {
    const applied = applyLedgerFact(balance, event);
    if (applied === null) continue;
    balance = applied.after;
    facts.push(applied.fact);
  }
  return { facts, balance };
}

describe('ledger facts (one table of event types)', () => {
  it('accrual, period hold, release, clawback, payment: kinds, shown amounts and effects on owed and payable', () => {
    const { facts } = fold([
      accrued,
      e('HoldPlaced', { kind: 'period', holdUntil: '2026-03-09T10:00:00.000Z', reasonCode: 'hold_period', at: '2026-03-02T10:00:00.000Z' }),
      e('HoldReleased', { kind: 'period', reasonCode: 'hold_expired', early: false, at: '2026-03-09T10:00:00.000Z' }),
      e('EarningPaid', { amount: { amount: 1_000, currency: EUR }, payoutId: 'b-1:i-1', at: '2026-03-20T10:00:00.000Z' }),
      e('EarningClawedBack', { amount: { amount: 300, currency: EUR }, cumulative: 300, reference: { kind: 'return', id: 'r-1' }, reasonCode: 'order_returned', at: '2026-03-21T10:00:00.000Z' }),
    ]);
    expect(facts.map((f) => [f.kind, f.amount, f.owedDelta, f.payableDelta])).toEqual([
      ['earned', 1_000, 1_000, 0],
      ['held', 1_000, 0, 0],
      ['released', 1_000, 0, 1_000],
      ['paid', 1_000, -1_000, -1_000],
      // After payment a clawback leaves payable negative: recovered from the next payout.
      ['clawed_back', 300, -300, -300],
    ]);
    expect(facts[4]!.note).toBe('order_returned (return r-1)');
  });

  it('a manual hold on a payable earning takes its balance out of payable', () => {
    const { facts } = fold([
      accrued,
      e('HoldReleased', { kind: 'period', reasonCode: 'early', early: true, at: '2026-03-03T10:00:00.000Z' }),
      e('HoldPlaced', { kind: 'manual', reasonCode: 'kyc', note: 'waiting for papers', at: '2026-03-04T10:00:00.000Z' }),
    ]);
    expect(facts.slice(1).map((f) => [f.kind, f.amount, f.owedDelta, f.payableDelta, f.note])).toEqual([
      ['released', 1_000, 0, 1_000, 'early'],
      ['held', 1_000, 0, -1_000, 'kyc: waiting for papers'],
    ]);
  });

  it('events agreed with other contexts (adjustment, make-good, returned payment) by their type names', () => {
    const { facts, balance } = fold([
      accrued,
      e('HoldReleased', { kind: 'period', reasonCode: 'hold_expired', early: false, at: '2026-03-09T10:00:00.000Z' }),
      e('EarningAdjusted', { delta: { amount: -200, currency: EUR }, previousAmount: { amount: 1_000, currency: EUR }, amount: { amount: 800, currency: EUR }, reasonCode: 'rate_fix', at: '2026-03-10T10:00:00.000Z' }),
      e('EarningPaid', { amount: { amount: 800, currency: EUR }, payoutId: 'b-1:i-1', at: '2026-03-20T10:00:00.000Z' }),
      e('EarningPaymentReturned', { batchId: 'b-1', itemId: 'i-1', amount: { amount: 800, currency: EUR }, reasonCode: 'bank_return', at: '2026-03-22T10:00:00.000Z' }),
      e('EarningFinalized', { batchId: 'b-2', itemId: 'i-1', amount: { amount: 800, currency: EUR }, at: '2026-03-23T10:00:00.000Z' }),
    ]);
    expect(facts.slice(2).map((f) => [f.kind, f.amount, f.owedDelta, f.payableDelta])).toEqual([
      ['adjustment', -200, -200, -200],
      ['paid', 800, -800, -800],
      ['payment_returned', 800, 800, 800],
    ]);
    expect(balance).toMatchObject({ state: 'payable', net: 800, paid: 0 });
    const makeGood = fold([e('MakeGoodGranted', { earningId: 'mg-1', influencerId: 'inf-1', campaignId: 'c-1', currency: EUR, amount: { amount: 500, currency: EUR }, originalEarningId: 'e-1', reasonCode: 'goodwill', at: '2026-03-25T10:00:00.000Z' })]);
    expect(makeGood.facts.map((f) => [f.kind, f.amount, f.owedDelta, f.payableDelta])).toEqual([['make_good', 500, 500, 500]]);
  });

  it('refuses a fact of an earning it never saw accrue (a bug, not a 4xx)', () => {
    expect(() => applyLedgerFact(undefined, e('HoldReleased', { kind: 'period', reasonCode: 'x', early: false, at: '2026-03-09T10:00:00.000Z' }))).toThrow(/before its accrual/);
  });
});

const MARCH = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };
const APRIL = { periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z' };
const marchIssued: PreviousStatement = { statementId: 's-march', ...MARCH, cutoff: '100-50', closing: zeroBalances(EUR) };

describe('placing a fact (business time × record position)', () => {
  it.each([
    ['inside the period, recorded before the cutoff', '2026-04-10T00:00:00.000Z', '120-70', 'line'],
    ['at the period start (inclusive)', '2026-04-01T00:00:00.000Z', '120-70', 'line'],
    ['at the period end (exclusive)', '2026-05-01T00:00:00.000Z', '120-70', 'excluded'],
    ['recorded after the cutoff', '2026-04-10T00:00:00.000Z', '200-1', 'excluded'],
    ['of March, recorded before March was issued (March holds it)', '2026-03-20T00:00:00.000Z', '100-50', 'excluded'],
    ['of March, recorded after March was issued', '2026-03-20T00:00:00.000Z', '101-1', 'prior_period'],
    ['before any statement, never reported', '2026-01-20T00:00:00.000Z', '101-1', 'prior_period'],
  ])('%s (at %s, recorded at %s) → %s', (_name, at, position, place) => {
    expect(placeFact({ at, position }, APRIL, '150-1', marchIssued)).toBe(place);
  });

  it('a gap between statements is reported by the next one, whenever it was recorded', () => {
    const june = { periodStart: '2026-06-01T00:00:00.000Z', periodEnd: '2026-07-01T00:00:00.000Z' };
    expect(placeFact({ at: '2026-04-15T00:00:00.000Z', position: '10-1' }, june, '150-1', marchIssued)).toBe('prior_period');
  });

  it('the first statement reports earlier facts as prior-period adjustments', () => {
    expect(placeFact({ at: '2026-02-15T00:00:00.000Z', position: '10-1' }, MARCH, '150-1', null)).toBe('prior_period');
  });
});

const fact = (f: Partial<StatementFact> & Pick<StatementFact, 'kind' | 'amount' | 'owedDelta' | 'payableDelta'>, place: 'line' | 'prior_period' = 'line') => ({
  at: '2026-04-10T00:00:00.000Z', position: '120-1', earningId: 'e-1', ...f, place,
});

describe('calculateStatement', () => {
  it('adds up by hand: opening, earned, clawed back, adjustments (with make-goods), released, paid net of returns, prior period', () => {
    const opening = { owed: { amount: 5_500, currency: EUR }, payable: { amount: 2_500, currency: EUR } };
    const figures = calculateStatement(EUR, opening, [
      fact({ kind: 'earned', amount: 2_000, owedDelta: 2_000, payableDelta: 0, orderId: 'o-4', sourceRef: 'scm-o-4' }),
      fact({ kind: 'held', amount: 2_000, owedDelta: 0, payableDelta: 0 }),
      fact({ kind: 'released', amount: 5_000, owedDelta: 0, payableDelta: 5_000 }),
      fact({ kind: 'clawed_back', amount: 400, owedDelta: -400, payableDelta: -400 }),
      fact({ kind: 'adjustment', amount: 100, owedDelta: 100, payableDelta: 100 }),
      fact({ kind: 'make_good', amount: 250, owedDelta: 250, payableDelta: 250 }),
      fact({ kind: 'paid', amount: 3_000, owedDelta: -3_000, payableDelta: -3_000 }),
      fact({ kind: 'payment_returned', amount: 1_000, owedDelta: 1_000, payableDelta: 1_000 }),
      fact({ kind: 'clawed_back', amount: 500, owedDelta: -500, payableDelta: -500, at: '2026-03-20T00:00:00.000Z', note: 'order_returned (return r-1)' }, 'prior_period'),
      fact({ kind: 'released', amount: 700, owedDelta: 0, payableDelta: 700, at: '2026-03-25T00:00:00.000Z' }, 'prior_period'),
    ]);
    expect({ earned: figures.earned.amount, clawedBack: figures.clawedBack.amount, adjustments: figures.adjustments.amount, released: figures.released.amount, paid: figures.paid.amount, prior: figures.priorPeriodAdjustments.amount }).toEqual({
      earned: 2_000, clawedBack: 400, adjustments: 350, released: 5_000, paid: 2_000, prior: -500,
    });
    // 5 500 + 2 000 − 400 + 350 − 2 000 − 500
    expect(figures.closing.owed).toEqual({ amount: 4_950, currency: EUR });
    // 2 500 + 5 000 − 400 + 100 + 250 − 3 000 + 1 000 − 500 + 700
    expect(figures.closing.payable).toEqual({ amount: 5_650, currency: EUR });
    expect(figures.lines.slice(-2)).toEqual([
      { at: '2026-03-20T00:00:00.000Z', kind: 'prior_period_adjustment', earningId: 'e-1', amount: { amount: -500, currency: EUR }, note: 'clawed_back: order_returned (return r-1)' },
      { at: '2026-03-25T00:00:00.000Z', kind: 'prior_period_adjustment', earningId: 'e-1', amount: { amount: 0, currency: EUR }, note: 'released' },
    ]);
    expect(figures.lines[0]).toEqual({ at: '2026-04-10T00:00:00.000Z', kind: 'earned', earningId: 'e-1', orderId: 'o-4', sourceRef: 'scm-o-4', amount: { amount: 2_000, currency: EUR } });
  });

  it('an empty period carries the opening to the closing', () => {
    const opening = { owed: { amount: 700, currency: EUR }, payable: { amount: -100, currency: EUR } };
    expect(calculateStatement(EUR, opening, [])).toMatchObject({ closing: opening, earned: { amount: 0 }, lines: [] });
  });

  it('crashes when a fact moves owed against what its kind counts (pair assertion with the formula)', () => {
    expect(() => calculateStatement(EUR, zeroBalances(EUR), [fact({ kind: 'earned', amount: 1_000, owedDelta: 900, payableDelta: 0 })])).toThrow(/closing owed/);
  });
});
