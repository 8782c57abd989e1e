// Proves, with fast-check over random command sequences, that the earning ledger keeps the conservation law, never trips an invariant assertion, refuses only with DomainErrors, and that retried commands add nothing.
import fc from 'fast-check';
import type { DomainEvent, EarningClawedBack } from '@ledger/contracts';
import { addDays, DomainError } from '@ledger/kernel';
import { bucketsOf, sumBuckets } from './earning';
import type { EarningLedgerCommand } from './earning-ledger.commands';
import { earningLedgerDecider } from './earning-ledger.decider';
import { accrual, ORDER_AT } from './testing/fixtures';
import { earningsOf, type EarningLedgerState } from './earning-ledger.state';

const EARNING_IDS = ['e-0', 'e-1', 'e-2'];
const earningId = fc.constantFrom(...EARNING_IDS);
const day = fc.integer({ min: 0, max: 60 });
const at = (days: number) => addDays(ORDER_AT, days);

// Commands a caller may send; some are refused in some states, which is fine as long as the refusal is a DomainError.
const command: fc.Arbitrary<EarningLedgerCommand> = fc.oneof(
  fc.record({ id: earningId, amount: fc.integer({ min: 1, max: 1_000_000 }), holdDays: fc.integer({ min: 0, max: 45 }) }).map(
    ({ id, amount, holdDays }): EarningLedgerCommand => ({ type: 'AccrueEarning', data: accrual(id, amount, { holdDays } as never) }),
  ),
  fc.record({ id: earningId, kind: fc.constantFrom('manual' as const, 'fraud' as const), d: day }).map(
    ({ id, kind, d }): EarningLedgerCommand => ({ type: 'PlaceHold', data: { earningId: id, kind, reasonCode: 'review', now: at(d) } }),
  ),
  fc.record({ id: earningId, d: day }).map(({ id, d }): EarningLedgerCommand => ({ type: 'ReleaseHold', data: { earningId: id, reasonCode: 'finance_ok', now: at(d) } })),
  day.map((d): EarningLedgerCommand => ({ type: 'ReleaseDueHolds', data: { asOf: at(d) } })),
  // Cumulative as a share (‰) of a nominal amount; above 1 000 ‰ it may exceed the earning and be refused.
  fc.record({
    id: earningId,
    // Biased towards "all of it" (a cancellation or fraud reversal), which a uniform share would rarely hit.
    permille: fc.oneof(fc.constant(1_000), fc.integer({ min: 0, max: 1_100 })),
    kind: fc.constantFrom<EarningClawedBack['reference']['kind']>('return', 'cancellation', 'fraud'),
    ref: fc.integer({ min: 0, max: 5 }),
    d: day,
  }).map(({ id, permille, kind, ref, d }): EarningLedgerCommand => ({
    type: 'ClawBack',
    data: { earningId: id, cumulative: permille, reference: { kind, id: `${kind}-${ref}` }, occurredAt: at(d) },
  })),
  fc.record({ id: earningId, payout: fc.integer({ min: 0, max: 5 }), d: day }).map(
    ({ id, payout, d }): EarningLedgerCommand => ({ type: 'MarkEarningPaid', data: { earningId: id, payoutId: `p-${payout}`, now: at(d) } }),
  ),
);

/** ClawBack cumulative arrives as ‰; turn it into minor units of the earning it targets, when it exists. */
function resolve(cmd: EarningLedgerCommand, state: EarningLedgerState): EarningLedgerCommand {
  if (cmd.type !== 'ClawBack') return cmd;
  const amount = state.earnings.get(cmd.data.earningId)?.amount ?? 1_000;
  return { ...cmd, data: { ...cmd.data, cumulative: Math.floor((amount * cmd.data.cumulative) / 1_000) } };
}

function checkConservation(state: EarningLedgerState): void {
  for (const earning of earningsOf(state)) {
    const buckets = bucketsOf(earning);
    expect(sumBuckets(buckets)).toBe(earning.amount);
    expect(Math.min(buckets.pending, buckets.held, buckets.paid, buckets.clawedBack)).toBeGreaterThanOrEqual(0);
    if (earning.state !== 'paid') expect(buckets.payable).toBeGreaterThanOrEqual(0);
    expect(earning.clawedBack).toBeLessThanOrEqual(earning.amount);
  }
}

// Commands whose identity makes a retry a no-op: decided again right after, they emit nothing.
const RETRY_IS_NOOP = new Set<EarningLedgerCommand['type']>(['AccrueEarning', 'ClawBack', 'ReleaseDueHolds', 'MarkEarningPaid']);

describe('earning ledger (property)', () => {
  it('keeps accrued = pending + held + payable + paid + clawedBack for any command sequence, and retries add nothing', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), (commands) => {
        let state = earningLedgerDecider.initialState();
        const stream: DomainEvent[] = [];
        for (const raw of commands) {
          const cmd = resolve(raw, state);
          let events;
          try {
            events = earningLedgerDecider.decide(cmd, state);
          } catch (error) {
            // A refusal is fine; an AssertionFailed (or anything else) is a bug.
            if (!(error instanceof DomainError)) throw error;
            continue;
          }
          for (const event of events) state = earningLedgerDecider.evolve(state, event);
          stream.push(...events);
          checkConservation(state);
          if (RETRY_IS_NOOP.has(cmd.type)) expect(earningLedgerDecider.decide(cmd, state)).toEqual([]);
        }
        // Replaying the stream from scratch gives the same ledger.
        let replayed = earningLedgerDecider.initialState();
        for (const event of JSON.parse(JSON.stringify(stream)) as DomainEvent[]) replayed = earningLedgerDecider.evolve(replayed, event);
        expect(earningsOf(replayed).map(bucketsOf)).toEqual(earningsOf(state).map(bucketsOf));
      }),
      { numRuns: 300 },
    );
  });
});
