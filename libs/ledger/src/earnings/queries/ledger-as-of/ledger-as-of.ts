// An influencer's ledger as it stood at a business time, from the event history alone: the earning
// streams' events whose business time (metadata.occurredAt) is at or before `asOf`, folded in stream
// order with the ledger's own evolve. The live read model is used only to NAME the influencer's
// earning streams (one per earning, ADR 0009); every amount and state comes from the events.
import type { Kysely } from 'kysely';
import type { DomainEvent } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import { Conflict, LIMITS } from '@ledger/kernel';
import { bucketsOf, earningsOf, evolveEarningLedger, initialEarningLedgerState, type Buckets, type Earning } from '../../../domain/earning-ledger';
import { earningStream } from '../../ledger-streams';
import { readEarningStreams } from '../../read-earning-streams';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';

export interface EarningAsOf {
  earning: Earning;
  buckets: Buckets;
  /** Events of its stream folded (at or before asOf). */
  events: number;
}

export interface CurrencyBalanceAsOf extends Buckets {
  currency: string;
  accrued: number;
  adjustments: number;
  recoverable: number;
  earnings: number;
}

export interface LedgerAsOf {
  influencerId: string;
  asOf: string;
  earnings: EarningAsOf[];
  balances: CurrencyBalanceAsOf[];
}

export async function ledgerAsOf(db: Kysely<LedgerPartialDB>, store: EventStore, org: string, influencerId: string, asOf: string): Promise<LedgerAsOf> {
  const ids = await db
    .selectFrom('ledger_earning')
    .select('earning_id')
    .where('org', '=', org)
    .where('influencer_id', '=', influencerId)
    .orderBy('earning_id')
    .limit(LIMITS.audit.ledgerAsOfEarningsMax + 1)
    .execute();
  if (ids.length > LIMITS.audit.ledgerAsOfEarningsMax) {
    throw new Conflict('AUDIT.TOO_MANY_EARNINGS', `Influencer ${influencerId} has more than ${LIMITS.audit.ledgerAsOfEarningsMax} earnings; use the CLI history per campaign.`);
  }
  const asOfMs = Date.parse(asOf);
  const streams = await readEarningStreams(store, ids.map((r) => earningStream(org, r.earning_id)));
  let state = initialEarningLedgerState();
  const folded = new Map<string, number>();
  for (const events of streams.values()) {
    for (const event of events) {
      if (Date.parse(event.metadata.occurredAt) > asOfMs) continue;
      state = evolveEarningLedger(state, { type: event.type, data: event.data } as unknown as DomainEvent);
      const earningId = (event.data as { earningId?: string }).earningId;
      if (earningId) folded.set(earningId, (folded.get(earningId) ?? 0) + 1);
    }
  }
  const earnings = earningsOf(state)
    .filter((e) => e.influencerId === influencerId)
    .map((earning) => ({ earning, buckets: bucketsOf(earning), events: folded.get(earning.earningId) ?? 0 }));
  const balances = new Map<string, CurrencyBalanceAsOf>();
  for (const { earning, buckets } of earnings) {
    const b = balances.get(earning.currency) ?? { currency: earning.currency, accrued: 0, adjustments: 0, pending: 0, held: 0, payable: 0, recoverable: 0, paid: 0, clawedBack: 0, earnings: 0 };
    // As balance/get: accrued is what was accrued or granted; adjustments apart (accrued + adjustments = the buckets).
    b.accrued += earning.amount - earning.adjustments;
    b.adjustments += earning.adjustments;
    b.pending += buckets.pending;
    b.held += buckets.held;
    // As balance/get: a negative balance (clawed back after payment) is recoverable, not negative payable.
    b.payable += Math.max(buckets.payable, 0);
    b.recoverable += Math.max(-buckets.payable, 0);
    b.paid += buckets.paid;
    b.clawedBack += buckets.clawedBack;
    b.earnings += 1;
    balances.set(earning.currency, b);
  }
  return { influencerId, asOf, earnings, balances: [...balances.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)) };
}
