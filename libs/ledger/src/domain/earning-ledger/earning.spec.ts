// Proves bucketsOf places an earning's amount by state and keeps the conservation law, from folded example histories, and that assertEarningInvariants refuses broken earnings with a message naming them.
import type { DomainEvent } from '@ledger/contracts';
import { AssertionFailed, evolveAll } from '@ledger/kernel';
import { assertEarningInvariants, bucketsOf, sumBuckets, type Earning } from './earning';
import { earningLedgerDecider } from './earning-ledger.decider';
import { accrued, clawedBack, holdPlaced, paid, released } from './testing/fixtures';
import { earningOf } from './earning-ledger.state';

const bucketsAfter = (events: DomainEvent[]) => {
  const earning = earningOf(evolveAll(earningLedgerDecider, events), 'e-1');
  if (earning === undefined) throw new Error('no earning e-1');
  return bucketsOf(earning);
};

describe('bucketsOf', () => {
  const held = accrued();
  const payable = [...held, released('e-1', 'period', false)];
  const cases: Array<[string, DomainEvent[], ReturnType<typeof bucketsOf>]> = [
    ['pending', held.slice(0, 1), { pending: 1_000, held: 0, payable: 0, paid: 0, clawedBack: 0 }],
    ['held (period)', held, { pending: 0, held: 1_000, payable: 0, paid: 0, clawedBack: 0 }],
    ['held (manual) after a partial clawback', [...held, holdPlaced('e-1', 'manual'), clawedBack('e-1', 300, 300)], { pending: 0, held: 700, payable: 0, paid: 0, clawedBack: 300 }],
    ['payable', payable, { pending: 0, held: 0, payable: 1_000, paid: 0, clawedBack: 0 }],
    ['payable after a partial clawback', [...payable, clawedBack('e-1', 1, 1)], { pending: 0, held: 0, payable: 999, paid: 0, clawedBack: 1 }],
    ['paid', [...payable, paid('e-1', 1_000)], { pending: 0, held: 0, payable: 0, paid: 1_000, clawedBack: 0 }],
    ['paid, then clawed back in full', [...payable, paid('e-1', 1_000), clawedBack('e-1', 1_000, 1_000)], { pending: 0, held: 0, payable: -1_000, paid: 1_000, clawedBack: 1_000 }],
    ['paid after a clawback, clawed back again, recovered', [...payable, clawedBack('e-1', 200, 200), paid('e-1', 800), clawedBack('e-1', 300, 500), paid('e-1', -300, 'p-2')], { pending: 0, held: 0, payable: 0, paid: 500, clawedBack: 500 }],
    ['clawed back', [...held, clawedBack('e-1', 1_000, 1_000)], { pending: 0, held: 0, payable: 0, paid: 0, clawedBack: 1_000 }],
  ];

  it.each(cases)('%s', (_name, events, expected) => {
    const buckets = bucketsAfter(events);
    expect(buckets).toEqual(expected);
    expect(sumBuckets(buckets)).toBe(1_000);
  });
});

describe('assertEarningInvariants', () => {
  const earning = earningOf(evolveAll(earningLedgerDecider, accrued()), 'e-1')!;

  it('passes a folded earning', () => {
    expect(() => assertEarningInvariants(earning)).not.toThrow();
  });

  it.each<[string, Partial<Earning>, RegExp]>([
    ['more clawed back than accrued', { clawedBack: 1_001 }, /earning e-1 never has more clawed back \(1001\) than its amount \(1000\)/],
    ['a fractional amount', { amount: 999.5 }, /amount of earning e-1 is an integer, got 999.5/],
    ['clawed_back with some left', { state: 'clawed_back', clawedBack: 10 } as Partial<Earning>, /earning e-1 is clawed_back only when fully clawed back/],
    ['a paid amount before payment', { paid: 10 }, /only a paid earning has a paid amount/],
  ])('refuses %s', (_name, broken, message) => {
    const check = () => assertEarningInvariants({ ...earning, ...broken } as Earning);
    expect(check).toThrow(AssertionFailed);
    expect(check).toThrow(message);
  });
});
