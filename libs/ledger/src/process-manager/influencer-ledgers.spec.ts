// Proves InfluencerLedgers.decideAll is all or nothing (a refused command leaves every book, state and month-to-date, as it was) and that rollBack after a failed batch goes back to what is stored and reads only what came after; against an in-memory store.
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@ledger/event-store';
import { ValidationFailed } from '@ledger/kernel';
import type { AccrueEarning } from '../domain/earning-ledger';
import { accrual } from '../domain/earning-ledger/testing/fixtures';
import { InfluencerLedgers } from './influencer-ledgers';

const emptyStore = { readStream: async () => [] } as unknown as EventStore;
const CHILD = 'influencer-acme.ada';
const PARENT = 'influencer-acme.pia';
const scope = { influencerId: 'inf-1', campaignId: 'c-1', currency: 'EUR', month: '2026-03' };
const accrue = (data: AccrueEarning['data']): AccrueEarning => ({ type: 'AccrueEarning', data });

describe('InfluencerLedgers.decideAll', () => {
  it('keeps nothing when a later command is refused, and everything when none is', async () => {
    const ledgers = new InfluencerLedgers(emptyStore);
    await ledgers.ensure([CHILD, PARENT]);
    const good = { stream: CHILD, command: accrue(accrual('e-1', 1_000)) };
    const refused = { stream: PARENT, command: accrue(accrual('e-2', 0, { level: 2 })) }; // no amount: refused

    expect(() => ledgers.decideAll([good, refused])).toThrow(ValidationFailed);
    expect(ledgers.monthToDate(CHILD, scope)).toEqual({ orders: 0, revenueMinor: 0, earnedMinor: 0, bonusPaid: false });

    const decided = ledgers.decideAll([good, { stream: PARENT, command: accrue(accrual('e-2', 250, { level: 2 })) }]);
    expect(decided.map((events) => events.map((e) => e.type))).toEqual([
      ['EarningAccrued', 'HoldPlaced'],
      ['EarningAccrued', 'HoldPlaced'],
    ]);
    expect(ledgers.monthToDate(CHILD, scope)).toEqual({ orders: 1, revenueMinor: 10_000, earnedMinor: 1_000, bonusPaid: false });
    // Kept: the same accrual again is a no-op (its earning id is known).
    expect(ledgers.decide(CHILD, good.command)).toEqual([]);
  });
});

describe('InfluencerLedgers.rollBack', () => {
  it('forgets what was decided and not appended, and reads the stream again only from its stored revision', async () => {
    const stored: RecordedEvent[] = [{ stream: CHILD, revision: 0n, type: 'InfluencerRegistered', data: {} } as unknown as RecordedEvent];
    const reads: Array<bigint | undefined> = [];
    const store = {
      readStream: async (_stream: string, options: ReadStreamOptions = {}) => {
        reads.push(options.fromRevision);
        return stored.filter((e) => e.revision >= (options.fromRevision ?? 0n));
      },
    } as unknown as EventStore;
    const ledgers = new InfluencerLedgers(store);
    await ledgers.ensure([CHILD]);
    const command = accrue(accrual('e-1', 1_000));
    expect(ledgers.decide(CHILD, command)).toHaveLength(2);
    expect(ledgers.monthToDate(CHILD, scope).orders).toBe(1);

    const next = ledgers.rollBack(10)!; // the append of e-1 failed
    await next.ensure([CHILD]);
    expect(reads).toEqual([undefined, 1n]);
    expect(next.revision(CHILD)).toBe(0n);
    expect(next.monthToDate(CHILD, scope)).toEqual({ orders: 0, revenueMinor: 0, earnedMinor: 0, bonusPaid: false });
    expect(next.decide(CHILD, command)).toHaveLength(2); // e-1 is not known: decided again
  });
});
