// One earning as the KPIs count it: amount, where it sits (the ledger's buckets), whether it was an
// exception (a manual or fraud hold), when it was approved (first payable) and first paid. Pure: the
// projection folds an earning's events here in stream order; it is not the ledger's decider (a
// context never imports another), so it trusts the ledger's events and only sums them.
import type { EarningAccrued, EarningAdjusted, EarningClawedBack, EarningPaid, EarningPaymentReturned, HoldPlaced, MakeGoodGranted } from '@ledger/contracts';

export type EarningFactState = 'pending' | 'held' | 'payable' | 'paid' | 'clawed_back';

export interface EarningFact {
  earningId: string;
  kind: 'commission' | 'make_good';
  influencerId: string;
  campaignId: string;
  orderId: string | null;
  channel: string | null;
  level: number;
  currency: string;
  state: EarningFactState;
  amount: number;
  clawedBack: number;
  paid: number;
  exception: boolean;
  occurredAt: string;
  approvedAt: string | null;
  paidAt: string | null;
}

export interface FactEvent {
  type: string;
  data: Record<string, unknown>;
  /** Business time of the event (metadata.occurredAt). */
  occurredAt: string;
}

export const EARNING_FACT_EVENT_TYPES = ['EarningAccrued', 'HoldPlaced', 'HoldReleased', 'EarningClawedBack', 'EarningPaid'] as const;

/** The fact after `event`; null when the event does not concern a known earning (nothing to count). */
export function foldEarningFact(fact: EarningFact | undefined, event: FactEvent): EarningFact | null {
  if (event.type === 'EarningAccrued') {
    const d = event.data as unknown as EarningAccrued;
    return {
      earningId: d.earningId, kind: 'commission', influencerId: d.influencerId, campaignId: d.campaignId, orderId: d.orderId, channel: d.channel,
      level: d.level, currency: d.amount.currency, state: 'pending', amount: d.amount.amount, clawedBack: 0, paid: 0, exception: false,
      occurredAt: d.occurredAt, approvedAt: null, paidAt: null,
    };
  }
  if (event.type === 'MakeGoodGranted') {
    const d = event.data as unknown as MakeGoodGranted;
    return {
      earningId: d.earningId, kind: 'make_good', influencerId: d.influencerId, campaignId: d.campaignId, orderId: d.orderId ?? null, channel: d.channel ?? null, level: d.level ?? 1,
      currency: d.amount.currency, state: 'payable', amount: d.amount.amount, clawedBack: 0, paid: 0, exception: false,
      occurredAt: event.occurredAt, approvedAt: event.occurredAt, paidAt: null,
    };
  }
  if (!fact) return null;
  switch (event.type) {
    case 'HoldPlaced': {
      const d = event.data as unknown as HoldPlaced;
      return { ...fact, state: 'held', exception: fact.exception || d.kind !== 'period' };
    }
    case 'HoldReleased':
      return { ...fact, state: 'payable', approvedAt: fact.approvedAt ?? event.occurredAt };
    case 'EarningClawedBack': {
      const d = event.data as unknown as EarningClawedBack;
      const whole = d.cumulative >= fact.amount && fact.state !== 'paid';
      return { ...fact, clawedBack: d.cumulative, state: whole ? 'clawed_back' : fact.state };
    }
    case 'EarningPaid': {
      const d = event.data as unknown as EarningPaid;
      return { ...fact, paid: fact.paid + d.amount.amount, state: 'paid', approvedAt: fact.approvedAt ?? event.occurredAt, paidAt: fact.paidAt ?? event.occurredAt };
    }
    case 'EarningPaymentReturned': {
      const d = event.data as unknown as EarningPaymentReturned;
      const paid = fact.paid - d.amount.amount;
      // As the ledger has it: still paid while another payment stands, else owed again (or nothing left at all).
      return { ...fact, paid, state: paid !== 0 ? 'paid' : fact.clawedBack >= fact.amount ? 'clawed_back' : 'payable' };
    }
    case 'EarningAdjusted': {
      const d = event.data as unknown as EarningAdjusted;
      return { ...fact, amount: d.amount.amount };
    }
    default:
      return fact; // finalized / unfinalized: locked to a batch, still payable — no bucket moves
  }
}

export interface FactBuckets {
  pending: number;
  held: number;
  payable: number;
  paid: number;
  clawedBack: number;
}

/** The ledger's buckets (amount = pending + held + payable + paid + clawedBack); payable < 0 only after a clawback of a paid earning. */
export function factBuckets(fact: EarningFact): FactBuckets {
  const remaining = fact.amount - fact.clawedBack;
  const buckets: FactBuckets = { pending: 0, held: 0, payable: 0, paid: 0, clawedBack: fact.clawedBack };
  if (fact.state === 'pending') buckets.pending = remaining;
  else if (fact.state === 'held') buckets.held = remaining;
  else if (fact.state === 'payable') buckets.payable = remaining - fact.paid;
  else if (fact.state === 'paid') {
    buckets.paid = fact.paid;
    buckets.payable = remaining - fact.paid;
  }
  return buckets;
}
