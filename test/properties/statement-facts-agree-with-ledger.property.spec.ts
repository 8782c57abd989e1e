// Proves the statements' own fold of ledger events (libs/statements ledger-facts) agrees with the ledger's: fast-check
// drives the ledger's real decider with random commands (accrue, holds, releases, clawbacks, payments), and after every
// event the statement fold's owed must be the ledger's pending + held + payable and its payable the ledger's payable
// bucket — so a statement's closing is what balance/get shows. 300 runs, pure (no database).
import fc from 'fast-check';
import type { DomainEvent } from '@ledger/contracts';
import { evolveAll } from '@ledger/kernel';
import { bucketsOf, earningLedgerDecider, type EarningLedgerCommand, type EarningLedgerState } from '@ledger/ledger';
import { applyLedgerFact, owedOf, payableOf, type EarningBalance } from '@ledger/statements';

const EARNING = 'e-1';
const T0 = Date.UTC(2026, 2, 1);
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const stepArb = fc.oneof(
  fc.record({ type: fc.constant('hold' as const), kind: fc.constantFrom('manual' as const, 'fraud' as const) }),
  fc.record({ type: fc.constant('release' as const) }),
  fc.record({ type: fc.constant('releaseDue' as const) }),
  fc.record({ type: fc.constant('clawBack' as const), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant('pay' as const) }),
);

type Step = { type: string; kind?: 'manual' | 'fraud'; share?: number };

function command(step: Step, i: number, amount: number): EarningLedgerCommand {
  const now = iso(10 + i);
  switch (step.type) {
    case 'hold':
      return { type: 'PlaceHold', data: { earningId: EARNING, kind: step.kind!, reasonCode: 'review', now } };
    case 'release':
      return { type: 'ReleaseHold', data: { earningId: EARNING, reasonCode: 'ok', now } };
    case 'releaseDue':
      return { type: 'ReleaseDueHolds', data: { asOf: iso(100_000) } };
    case 'clawBack':
      return { type: 'ClawBack', data: { earningId: EARNING, cumulative: Math.floor((amount * step.share!) / 100), reference: { kind: 'return', id: `r-${i}` }, occurredAt: now } };
    default:
      return { type: 'MarkEarningPaid', data: { earningId: EARNING, payoutId: `p-${i}`, now } };
  }
}

it('after every ledger event, the statement fold has the ledger\'s owed and payable', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(stepArb, { maxLength: 25 }), (amount, steps) => {
      const accrue: EarningLedgerCommand = {
        type: 'AccrueEarning',
        data: {
          earningId: EARNING, influencerId: 'inf-1', campaignId: 'c-1', orderId: 'o-1', channel: 'ecommerce', level: 1, amount: { amount, currency: 'EUR' },
          rulesVersion: 1, calculation: { basis: 'fixed', commissionBase: amount, beforeCap: amount, lines: [] }, occurredAt: iso(0), sourceRef: 'scm-o-1', holdDays: 1,
        },
      };
      let state: EarningLedgerState = earningLedgerDecider.initialState();
      let balance: EarningBalance | undefined;
      let checked = 0;
      for (const [i, cmd] of [accrue, ...steps.map((s, i) => command(s, i, amount))].entries()) {
        let events: DomainEvent[];
        try {
          events = earningLedgerDecider.decide(cmd, state);
        } catch {
          continue; // a refused command (e.g. releasing what is not held) changes nothing
        }
        for (const event of events) {
          state = evolveAll(earningLedgerDecider, [event], state);
          balance = applyLedgerFact(balance, event)!.after;
          const buckets = bucketsOf(state.earnings.get(EARNING)!);
          expect({ at: i, owed: owedOf(balance), payable: payableOf(balance) }).toEqual({ at: i, owed: buckets.pending + buckets.held + buckets.payable, payable: buckets.payable });
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(2); // accrual and its period hold at least
    }),
    { numRuns: 300 },
  );
});
