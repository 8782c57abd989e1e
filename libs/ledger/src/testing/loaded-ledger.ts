// A busy influencer and campaign, seeded straight into the store (no HTTP, no process manager): what
// the event store holds after `earnings` attributed orders in one month, in the layout of ADR 0009 —
// per order an earning stream (EarningAccrued + its period HoldPlaced), a conversion stream for the
// campaign, and one more event on the influencer's month tally. For the bounded-streams acceptance
// test and benchmark: commands and the process manager must not care how much of this there is.
import type { ConversionAttributed, EarningAccrued, EarningsMonthTallied, HoldPlaced } from '@ledger/contracts';
import type { EventMetadata, EventStore, NewEvent, StreamAppend } from '@ledger/event-store';
import { addDays, deterministicId, LIMITS } from '@ledger/kernel';
import { tallyOf } from '../domain/earnings';
import { conversionStream, earningStream, monthTallyStream } from '../earnings/ledger-streams';

export interface LoadedLedger {
  org: string;
  influencerId: string;
  campaignId: string;
  /** Attributed orders to seed (one level-1 earning and one conversion each). */
  earnings: number;
  /** Business times of the seeded orders: spread over the first 20 days of this time's UTC month. */
  monthStart: string;
  /** Per seeded earning, in minor units. */
  amountMinor?: number;
  commissionBaseMinor?: number;
  holdDays?: number;
  /** Called after each appendMany with the number of earnings seeded so far. */
  progress?: (seeded: number) => void;
}

/** Earnings per appendMany: 4 events each (accrual, hold, conversion, tally) within LIMITS.eventStore.appendBatchEvents. */
const PER_CALL = Math.floor(LIMITS.eventStore.appendBatchEvents / 4);
const SPREAD_MS = 20 * 86_400_000;

/** The seeded earning ids, in seeding order (deterministic: seeding again appends nothing). */
export function loadedEarningId(load: Pick<LoadedLedger, 'org' | 'influencerId'>, i: number): string {
  return deterministicId(load.org, 'seed-earning', load.influencerId, i);
}

export async function seedLoadedLedger(store: EventStore, load: LoadedLedger): Promise<{ tally: EarningsMonthTallied | null; events: number }> {
  const { org, influencerId, campaignId } = load;
  const amount = load.amountMinor ?? 100;
  const base = load.commissionBaseMinor ?? 1_000;
  const holdDays = load.holdDays ?? 14;
  const startMs = Date.parse(load.monthStart);
  const metadata = (occurredAt: string): EventMetadata => ({ org, actorId: 'seed:bounded-streams', correlationId: 'seed', schemaVersion: 1, occurredAt });
  let tally: EarningsMonthTallied | null = null;
  let tallyRevision: bigint | null = null;
  let events = 0;
  for (let from = 0; from < load.earnings; from += PER_CALL) {
    const appends: StreamAppend[] = [];
    const tallies: NewEvent[] = [];
    for (let i = from; i < Math.min(load.earnings, from + PER_CALL); i++) {
      const earningId = loadedEarningId(load, i);
      const orderId = `seed-${influencerId}-${i}`;
      const occurredAt = new Date(startMs + Math.floor((i * SPREAD_MS) / load.earnings)).toISOString();
      const accrued: EarningAccrued = {
        earningId, influencerId, campaignId, orderId, channel: 'ecommerce', level: 1, amount: { amount, currency: 'EUR' }, rulesVersion: 1,
        calculation: { basis: 'percent', commissionBase: base, rateBps: Math.round((amount * 10_000) / base), beforeCap: amount, lines: [{ lineId: 'a', base }] },
        occurredAt, sourceRef: `scm-${orderId}`,
      };
      const hold: HoldPlaced = { earningId, kind: 'period', holdUntil: addDays(occurredAt, holdDays), reasonCode: 'hold_period', at: occurredAt };
      const conversion: ConversionAttributed = {
        orderId, campaignId, influencerId, rulesVersion: 1, occurredAt, assisted: [], commissionBase: { amount: base, currency: 'EUR' },
        basis: { model: 'last_touch', windowDays: 30, code: 'SEED', touchKind: 'code', touchId: null, touchedAt: occurredAt, channel: 'ecommerce', precedence: 0 },
      };
      appends.push({
        stream: earningStream(org, earningId),
        expectedRevision: 'no_stream',
        events: [
          { id: deterministicId(org, 'seed', earningId, 'EarningAccrued'), type: 'EarningAccrued', data: { ...accrued }, metadata: metadata(occurredAt) },
          { id: deterministicId(org, 'seed', earningId, 'HoldPlaced'), type: 'HoldPlaced', data: { ...hold }, metadata: metadata(occurredAt) },
        ],
      });
      appends.push({
        stream: conversionStream(org, orderId),
        expectedRevision: 'no_stream',
        events: [{ id: deterministicId(org, 'seed', orderId, 'ConversionAttributed'), type: 'ConversionAttributed', data: { ...conversion }, metadata: metadata(occurredAt) }],
      });
      tally = tallyOf(tally, accrued);
      tallies.push({ id: deterministicId(org, 'seed', orderId, 'EarningsMonthTallied'), type: 'EarningsMonthTallied', data: { ...tally }, metadata: metadata(occurredAt) });
    }
    const stream = monthTallyStream(org, { influencerId, campaignId, currency: 'EUR', month: load.monthStart.slice(0, 7) });
    appends.push({ stream, expectedRevision: tallyRevision ?? 'no_stream', events: tallies });
    const results = await store.appendMany(appends);
    tallyRevision = results.at(-1)!.nextExpectedRevision;
    events += appends.reduce((n, a) => n + a.events.length, 0);
    load.progress?.(Math.min(load.earnings, from + PER_CALL));
  }
  return { tally, events };
}
