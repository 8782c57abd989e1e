// Proves conservation per earning under modifications, with fast-check (300 runs) over random histories of accruals, returns, cancellations, holds, releases, payments, adjustments (amount and recalculated base, recorded or current terms), reversals and make-goods: accrued + adjustments = pending + held + payable + paid + clawed back, where accrued, adjustments, clawed back and paid are summed from the appended events themselves.
import fc from 'fast-check';
import type { CampaignRules, DomainEvent } from '@ledger/contracts';
import { addDays, DomainError } from '@ledger/kernel';
import { bucketsOf } from './earning';
import type { EarningLedgerCommand } from './earning-ledger.commands';
import { earningLedgerDecider } from './earning-ledger.decider';
import { earningsOf, type EarningLedgerState } from './earning-ledger.state';
import { accrual, ORDER_AT } from './testing/fixtures';

const IDS = ['e-0', 'e-1', 'e-2'];
const id = fc.constantFrom(...IDS);
const day = fc.integer({ min: 0, max: 60 });
const at = (days: number) => addDays(ORDER_AT, days);
const LOCK_AT = at(45);
const rules = (rateBps: number): CampaignRules => ({
  attribution: { model: 'last_touch', windowDays: 30, precedence: 0 }, channels: ['ecommerce'], channelOverrides: {}, exclusions: { skus: [], categories: [] },
  earnings: { type: 'percent', rateBps }, bonuses: [], caps: {}, referralLevels: [], holdDays: 30, lockDays: 45, minPayout: { amount: 1, currency: 'EUR' },
});

const command: fc.Arbitrary<EarningLedgerCommand> = fc.oneof(
  fc.record({ id, amount: fc.integer({ min: 1, max: 100_000 }), holdDays: fc.integer({ min: 0, max: 45 }) }).map(
    ({ id, amount, holdDays }): EarningLedgerCommand => ({ type: 'AccrueEarning', data: accrual(id, amount, { holdDays } as never) }),
  ),
  fc.record({ id, permille: fc.oneof(fc.constant(1_000), fc.integer({ min: 0, max: 1_000 })), kind: fc.constantFrom('return' as const, 'cancellation' as const), ref: fc.integer({ min: 0, max: 4 }), d: day }).map(
    ({ id, permille, kind, ref, d }): EarningLedgerCommand => ({ type: 'ClawBack', data: { earningId: id, cumulative: permille, reference: { kind, id: `${kind}-${ref}` }, occurredAt: at(d) } }),
  ),
  fc.record({ id, kind: fc.constantFrom('manual' as const, 'dispute' as const), d: day }).map(({ id, kind, d }): EarningLedgerCommand => ({ type: 'PlaceHold', data: { earningId: id, kind, reasonCode: 'review', now: at(d) } })),
  fc.record({ id, d: day }).map(({ id, d }): EarningLedgerCommand => ({ type: 'ReleaseHold', data: { earningId: id, reasonCode: 'ok', now: at(d) } })),
  day.map((d): EarningLedgerCommand => ({ type: 'ReleaseDueHolds', data: { asOf: at(d) } })),
  fc.record({ id, payout: fc.integer({ min: 0, max: 9 }), d: day }).map(({ id, payout, d }): EarningLedgerCommand => ({ type: 'MarkEarningPaid', data: { earningId: id, payoutId: `p-${payout}`, now: at(d) } })),
  fc.record({ id, m: fc.integer({ min: 0, max: 20 }), amount: fc.integer({ min: 1, max: 150_000 }), d: day }).map(
    ({ id, m, amount, d }): EarningLedgerCommand => ({
      type: 'AdjustEarning',
      data: { earningId: id, modificationId: `m-${m}`, change: { amount: { amount, currency: 'EUR' } }, applyCurrentTerms: false, lockAt: LOCK_AT, reasonCode: 'fix', now: at(d) },
    }),
  ),
  fc.record({ id, m: fc.integer({ min: 0, max: 20 }), base: fc.integer({ min: 0, max: 1_000_000 }), current: fc.boolean(), d: day }).map(
    ({ id, m, base, current, d }): EarningLedgerCommand => ({
      type: 'AdjustEarning',
      data: {
        earningId: id, modificationId: `b-${m}`, applyCurrentTerms: current, lockAt: LOCK_AT, reasonCode: 'base', now: at(d),
        change: { commissionBase: base, terms: current ? { rulesVersion: 2, rules: rules(1_500), recorded: {} } : { rulesVersion: 1, rules: rules(1_000), recorded: {} } },
      },
    }),
  ),
  fc.record({ id, m: fc.integer({ min: 0, max: 5 }), d: day }).map(({ id, m, d }): EarningLedgerCommand => ({ type: 'ReverseEarning', data: { earningId: id, modificationId: `r-${m}`, lockAt: LOCK_AT, reasonCode: 'rev', now: at(d) } })),
  fc.record({ m: fc.integer({ min: 0, max: 3 }), amount: fc.integer({ min: 1, max: 50_000 }), d: day }).map(
    ({ m, amount, d }): EarningLedgerCommand => ({
      type: 'GrantMakeGood',
      data: { earningId: `mg-${m}`, modificationId: `mg-${m}`, influencerId: 'inf-1', campaignId: 'c-1', amount: { amount, currency: 'EUR' }, rulesVersion: 1, reasonCode: 'mg', now: at(d) },
    }),
  ),
);

/** What the appended events say, summed per earning independently of the state's own arithmetic. */
interface Sums { accrued: number; adjustments: number; clawedBack: number; paid: number }

function summed(events: DomainEvent[]): Map<string, Sums> {
  const sums = new Map<string, Sums>();
  const of = (earningId: string) => sums.get(earningId) ?? sums.set(earningId, { accrued: 0, adjustments: 0, clawedBack: 0, paid: 0 }).get(earningId)!;
  for (const event of events) {
    if (event.type === 'EarningAccrued' || event.type === 'MakeGoodGranted') of(event.data.earningId).accrued += event.data.amount.amount;
    if (event.type === 'EarningAdjusted') of(event.data.earningId).adjustments += event.data.delta.amount;
    if (event.type === 'EarningClawedBack') of(event.data.earningId).clawedBack += event.data.amount.amount;
    if (event.type === 'EarningPaid') of(event.data.earningId).paid += event.data.amount.amount;
  }
  return sums;
}

it('conserves every earning: accrued + adjustments = pending + held + payable + paid + clawed back, after every step', () => {
  fc.assert(
    fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), (commands) => {
      let state: EarningLedgerState = earningLedgerDecider.initialState();
      const history: DomainEvent[] = [];
      for (const c of commands) {
        let events: DomainEvent[];
        try {
          events = earningLedgerDecider.decide(c, state);
        } catch (error) {
          // A refusal is a DomainError (4xx), never an assertion or a TypeError.
          if (error instanceof DomainError) continue;
          throw error;
        }
        for (const event of events) {
          state = earningLedgerDecider.evolve(state, event);
          history.push(event);
        }
        const sums = summed(history);
        for (const earning of earningsOf(state)) {
          const s = sums.get(earning.earningId)!;
          const b = bucketsOf(earning);
          expect(s.accrued + s.adjustments).toBe(b.pending + b.held + b.payable + b.paid + b.clawedBack);
          expect(b.clawedBack).toBe(s.clawedBack);
          expect(b.paid).toBe(s.paid);
          expect(earning.amount).toBe(s.accrued + s.adjustments);
          expect(earning.clawedBack).toBeLessThanOrEqual(earning.amount);
        }
      }
    }),
    { numRuns: 300 },
  );
});
