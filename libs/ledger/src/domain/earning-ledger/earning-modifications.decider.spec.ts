// Proves the modification rules of the earning ledger decider (seed 003): adjust and reverse before the lock date (the edge exactly at occurredAt + lockDays), the 1,000th modification allowed and the 1,001st refused, the earning's own currency, recalculation with the recorded or today's rules version, make-goods, dispute holds; given/when/then with fixed times.
import type { CampaignRules, DomainEvent } from '@ledger/contracts';
import { addDays, Conflict, DeciderSpecification, evolveAll, LIMITS, ValidationFailed } from '@ledger/kernel';
import { bucketsOf, sumBuckets } from './earning';
import type { AdjustEarning, EarningLedgerCommand, ModificationTerms } from './earning-ledger.commands';
import { earningLedgerDecider } from './earning-ledger.decider';
import { earningOf, type EarningLedgerEvent } from './earning-ledger.state';
import { accrued, clawedBack, LATER, ORDER_AT, paid, released } from './testing/fixtures';

const spec = DeciderSpecification.for(earningLedgerDecider);
const fold = (events: DomainEvent[]) => evolveAll(earningLedgerDecider, events);
const coded = (code: string) => (e: unknown) => e instanceof Conflict && e.code === code;
const fieldsAre = (fields: string[]) => (e: unknown) => e instanceof ValidationFailed && JSON.stringify(e.errors?.map((p) => p.field)) === JSON.stringify(fields);

const LOCK_DAYS = 45;
const LOCK_AT = addDays(ORDER_AT, LOCK_DAYS); // 2026-04-15T10:00:00.000Z
const held = accrued(); // e-1: 1 000 EUR accrued, held for 30 days
const payable = [...held, released('e-1', 'period', false)];
const paidOut = [...payable, paid('e-1', 1_000)];

const rules = (rateBps: number, overrides: Partial<CampaignRules> = {}): CampaignRules => ({
  attribution: { model: 'last_touch', windowDays: 30, precedence: 0 }, channels: ['ecommerce'], channelOverrides: {}, exclusions: { skus: [], categories: [] },
  earnings: { type: 'percent', rateBps }, bonuses: [], caps: {}, referralLevels: [], holdDays: 30, lockDays: LOCK_DAYS, minPayout: { amount: 1, currency: 'EUR' }, ...overrides,
});
const RECORDED: ModificationTerms = { rulesVersion: 1, rules: rules(1_000), recorded: {} };
const TODAY: ModificationTerms = { rulesVersion: 2, rules: rules(1_500), recorded: {} };

const adjust = (change: AdjustEarning['data']['change'], extra: Partial<AdjustEarning['data']> = {}): EarningLedgerCommand => ({
  type: 'AdjustEarning',
  data: { earningId: 'e-1', modificationId: 'm-1', change, applyCurrentTerms: false, lockAt: LOCK_AT, reasonCode: 'wrong_base', now: LATER, ...extra },
});
const adjusted = (previous: number, amount: number, extra: Partial<Extract<EarningLedgerEvent, { type: 'EarningAdjusted' }>['data']> = {}): EarningLedgerEvent => ({
  type: 'EarningAdjusted',
  data: {
    earningId: 'e-1', modificationId: 'm-1', previousAmount: { amount: previous, currency: 'EUR' }, amount: { amount, currency: 'EUR' },
    delta: { amount: amount - previous, currency: 'EUR' }, reasonCode: 'wrong_base', applyCurrentTerms: false, rulesVersion: 1, at: LATER, ...extra,
  },
});
const reverse = (extra: Record<string, unknown> = {}): EarningLedgerCommand => ({
  type: 'ReverseEarning',
  data: { earningId: 'e-1', modificationId: 'rv-1', lockAt: LOCK_AT, reasonCode: 'order_cancelled_offline', now: LATER, ...extra },
});

describe('AdjustEarning', () => {
  it('sets a new amount in the earning\'s currency, recording before, after and delta', () => {
    spec.given(held).when(adjust({ amount: { amount: 800, currency: 'EUR' } })).then([adjusted(1_000, 800)]);
  });

  it('refuses another currency with 400 naming amount.currency', () => {
    spec.given(held).when(adjust({ amount: { amount: 800, currency: 'USD' } })).thenThrows(fieldsAre(['amount.currency']));
  });

  it('recalculates a corrected commission base with the recorded rules version', () => {
    // 10 % of 12 000 with version 1, as the earning was computed.
    spec.given(held).when(adjust({ commissionBase: 12_000, terms: RECORDED })).then([adjusted(1_000, 1_200, { commissionBase: 12_000 })]);
  });

  it("recalculates with today's terms when asked, and records that it did", () => {
    spec
      .given(held)
      .when(adjust({ commissionBase: 12_000, terms: TODAY }, { applyCurrentTerms: true }))
      .then([adjusted(1_000, 1_800, { commissionBase: 12_000, applyCurrentTerms: true, rulesVersion: 2 })]);
    const after = earningOf(fold([...held, adjusted(1_000, 1_800, { commissionBase: 12_000, applyCurrentTerms: true, rulesVersion: 2 })]), 'e-1')!;
    expect(after).toMatchObject({ amount: 1_800, adjustments: 800, rulesVersion: 2, modifications: 1 });
  });

  it('keeps the recorded tier and bonus, applies the per-order cap and a referral level\'s share', () => {
    const tiered = rules(0, { earnings: { type: 'tiered', basis: 'orders', tiers: [{ from: 1, rateBps: 500 }, { from: 10, rateBps: 1_000 }] }, caps: { perOrder: { amount: 1_100, currency: 'EUR' } } });
    // The recorded tier (from 10: 10 %) on 8 000 plus the recorded 200 bonus is the 1 000 it already is: nothing to append.
    spec.given(held).when(adjust({ commissionBase: 8_000, terms: { rulesVersion: 1, rules: tiered, recorded: { tierFrom: 10, bonus: 200 } } })).then([]);
    spec.given(held).when(adjust({ commissionBase: 9_000, terms: { rulesVersion: 1, rules: tiered, recorded: { tierFrom: 10, bonus: 200 } } })).then([adjusted(1_000, 1_100, { commissionBase: 9_000 })]);
    const level2 = accrued('e-1', 1_000, undefined, { level: 2 });
    spec.given(level2).when(adjust({ commissionBase: 20_000, terms: { rulesVersion: 1, rules: rules(1_000, { referralLevels: [{ level: 2, rateBps: 1_000 }] }), recorded: {} } })).then([adjusted(1_000, 200, { commissionBase: 20_000 })]);
  });

  it('is allowed up to the instant before the lock date; at occurredAt + lockDays exactly it is locked (409 locked)', () => {
    const justBefore = new Date(Date.parse(LOCK_AT) - 1).toISOString();
    spec.given(payable).when(adjust({ amount: { amount: 900, currency: 'EUR' } }, { now: justBefore })).then([adjusted(1_000, 900, { at: justBefore })]);
    spec.given(payable).when(adjust({ amount: { amount: 900, currency: 'EUR' } }, { now: LOCK_AT })).thenThrows(coded('locked'));
  });

  it('allows the 1,000th modification and refuses the 1,001st (409 too_many_modifications)', () => {
    const history: EarningLedgerEvent[] = [...held];
    let amount = 1_000;
    for (let i = 0; i < LIMITS.ledger.modificationsPerEarning - 1; i += 1) {
      const next = i % 2 === 0 ? 999 : 1_000;
      history.push(adjusted(amount, next, { modificationId: `m-${i}` }));
      amount = next;
    }
    expect(earningOf(fold(history), 'e-1')!.modifications).toBe(999);
    const thousandth = adjusted(amount, 500, { modificationId: 'm-1000' });
    spec.given(history).when(adjust({ amount: { amount: 500, currency: 'EUR' } }, { modificationId: 'm-1000' })).then([thousandth]);
    spec.given([...history, thousandth]).when(adjust({ amount: { amount: 400, currency: 'EUR' } }, { modificationId: 'm-1001' })).thenThrows(coded('too_many_modifications'));
    spec.given([...history, thousandth]).when(reverse()).thenThrows(coded('too_many_modifications'));
  });

  it('applies a modification once: the same modification id again changes nothing', () => {
    spec.given([...held, adjusted(1_000, 800)]).when(adjust({ amount: { amount: 700, currency: 'EUR' } })).then([]);
  });

  it('adjusts a paid earning: the difference is payable (up) or recoverable (down) at the next payout', () => {
    const up = earningOf(fold([...paidOut, adjusted(1_000, 1_300)]), 'e-1')!;
    expect(up.state).toBe('paid');
    expect(bucketsOf(up)).toEqual({ pending: 0, held: 0, payable: 300, paid: 1_000, clawedBack: 0 });
    const down = earningOf(fold([...paidOut, adjusted(1_000, 600)]), 'e-1')!;
    expect(bucketsOf(down)).toEqual({ pending: 0, held: 0, payable: -400, paid: 1_000, clawedBack: 0 });
    expect(sumBuckets(bucketsOf(down))).toBe(600);
    // The next payout settles it: a negative payment recovers the 400.
    spec.given([...paidOut, adjusted(1_000, 600)]).when({ type: 'MarkEarningPaid', data: { earningId: 'e-1', payoutId: 'p-2', now: LATER } }).then([paid('e-1', -400, 'p-2', LATER)]);
  });

  it('refuses an amount at or below what was clawed back, 0, and a clawed-back earning', () => {
    const partlyReturned = [...held, clawedBack('e-1', 300, 300)];
    spec.given(partlyReturned).when(adjust({ amount: { amount: 300, currency: 'EUR' } })).thenThrows(coded('LEDGER.EARNING_NOT_MODIFIABLE'));
    spec.given(held).when(adjust({ commissionBase: 0, terms: RECORDED })).thenThrows(coded('LEDGER.EARNING_NOT_MODIFIABLE'));
    spec.given([...held, clawedBack('e-1', 1_000, 1_000)]).when(adjust({ amount: { amount: 500, currency: 'EUR' } })).thenThrows(coded('LEDGER.EARNING_NOT_MODIFIABLE'));
  });

  it('scales later return clawbacks to the adjusted amount; a cancellation still takes all of it', () => {
    const lowered = [...held, adjusted(1_000, 500)];
    // Half of what was accrued returned → half of the amount now.
    spec.given(lowered).when({ type: 'ClawBack', data: { earningId: 'e-1', cumulative: 500, reference: { kind: 'return', id: 'r1' }, occurredAt: LATER } }).then([
      { type: 'EarningClawedBack', data: { earningId: 'e-1', amount: { amount: 250, currency: 'EUR' }, cumulative: 250, reference: { kind: 'return', id: 'r1' }, reasonCode: 'order_returned', at: LATER } },
    ]);
    spec.given(lowered).when({ type: 'ClawBack', data: { earningId: 'e-1', cumulative: 1_000, reference: { kind: 'cancellation', id: 'o' }, occurredAt: LATER } }).then([
      { type: 'EarningClawedBack', data: { earningId: 'e-1', amount: { amount: 500, currency: 'EUR' }, cumulative: 500, reference: { kind: 'cancellation', id: 'o' }, reasonCode: 'order_cancelled', at: LATER } },
    ]);
  });
});

describe('ReverseEarning', () => {
  const reversal = (amount: number, cumulative: number): EarningLedgerEvent => ({
    type: 'EarningClawedBack',
    data: { earningId: 'e-1', amount: { amount, currency: 'EUR' }, cumulative, reference: { kind: 'reversal', id: 'rv-1' }, reasonCode: 'order_cancelled_offline', at: LATER },
  });

  it('claws back all that is left with reference kind reversal → clawed_back', () => {
    spec.given([...held, clawedBack('e-1', 300, 300)]).when(reverse()).then([reversal(700, 1_000)]);
    expect(earningOf(fold([...held, clawedBack('e-1', 300, 300), reversal(700, 1_000)]), 'e-1')).toMatchObject({ state: 'clawed_back', clawedBack: 1_000, modifications: 1 });
  });

  it('reverses a paid earning: it stays paid and the payment becomes recoverable', () => {
    const after = earningOf(fold([...paidOut, reversal(1_000, 1_000)]), 'e-1')!;
    expect(after.state).toBe('paid');
    expect(bucketsOf(after)).toEqual({ pending: 0, held: 0, payable: -1_000, paid: 1_000, clawedBack: 1_000 });
  });

  it('is locked at occurredAt + lockDays, once per modification id, and refused with nothing left', () => {
    spec.given(held).when(reverse({ now: LOCK_AT })).thenThrows(coded('locked'));
    spec.given([...held, reversal(1_000, 1_000)]).when(reverse()).then([]);
    spec.given([...held, reversal(1_000, 1_000)]).when(reverse({ modificationId: 'rv-2' })).thenThrows(coded('LEDGER.EARNING_NOT_MODIFIABLE'));
  });
});

describe('GrantMakeGood', () => {
  const grant = (extra: Record<string, unknown> = {}): EarningLedgerCommand => ({
    type: 'GrantMakeGood',
    data: {
      earningId: 'mg-1', modificationId: 'mod-mg', influencerId: 'inf-1', campaignId: 'c-1', amount: { amount: 250, currency: 'EUR' }, rulesVersion: 2,
      original: { earningId: 'e-1', orderId: 'o-e-1', channel: 'ecommerce', level: 1 }, reasonCode: 'locked_correction', now: LATER, ...extra,
    },
  });
  const granted: EarningLedgerEvent = {
    type: 'MakeGoodGranted',
    data: {
      earningId: 'mg-1', modificationId: 'mod-mg', influencerId: 'inf-1', campaignId: 'c-1', currency: 'EUR', amount: { amount: 250, currency: 'EUR' },
      originalEarningId: 'e-1', orderId: 'o-e-1', channel: 'ecommerce', level: 1, rulesVersion: 2, reasonCode: 'locked_correction', at: LATER,
    },
  };

  it('grants a new payable earning of kind make_good, referencing the original', () => {
    spec.given([]).when(grant()).then([granted]);
    expect(earningOf(fold([granted]), 'mg-1')).toMatchObject({ kind: 'make_good', state: 'payable', amount: 250, orderId: 'o-e-1', level: 1 });
  });

  it('grants once, and without an original has no order or channel', () => {
    spec.given([granted]).when(grant()).then([]);
    const bare = grant({ original: undefined });
    const [event] = earningLedgerDecider.decide(bare, fold([]));
    expect(earningOf(fold([event!]), 'mg-1')).toMatchObject({ kind: 'make_good', orderId: '', channel: '', level: 1 });
  });

  it('refuses a non-positive amount and a bad currency, naming the fields', () => {
    spec.given([]).when(grant({ amount: { amount: 0, currency: 'eur' } })).thenThrows(fieldsAre(['amount.amount', 'amount.currency']));
  });
});

describe('dispute holds', () => {
  it('holds with kind dispute, and a dispute releases only its own kind of hold', () => {
    spec.given(payable).when({ type: 'PlaceHold', data: { earningId: 'e-1', kind: 'dispute', reasonCode: 'dispute_opened', now: LATER } }).then([
      { type: 'HoldPlaced', data: { earningId: 'e-1', kind: 'dispute', reasonCode: 'dispute_opened', at: LATER } },
    ]);
    const disputed = [...payable, { type: 'HoldPlaced', data: { earningId: 'e-1', kind: 'dispute', reasonCode: 'dispute_opened', at: LATER } } as EarningLedgerEvent];
    spec.given(disputed).when({ type: 'ReleaseHold', data: { earningId: 'e-1', kind: 'dispute', reasonCode: 'dispute_resolved', now: LATER } }).then([
      { type: 'HoldReleased', data: { earningId: 'e-1', kind: 'dispute', reasonCode: 'dispute_resolved', early: true, at: LATER } },
    ]);
    // A fraud hold placed since stays: the dispute's release does nothing.
    const fraudSince = [...disputed, { type: 'HoldPlaced', data: { earningId: 'e-1', kind: 'fraud', reasonCode: 'velocity', at: LATER } } as EarningLedgerEvent];
    spec.given(fraudSince).when({ type: 'ReleaseHold', data: { earningId: 'e-1', kind: 'dispute', reasonCode: 'dispute_resolved', now: LATER } }).then([]);
  });
});
