// An earning stream (earning-<org>.<earningId>, ADR 0009), folded: earningId → Earning, one entry.
// A map, so the same decider and evolve fold any set of earnings (tests, older influencer streams,
// which also carry profile events: ignored). Every event is checked against the ledger's
// invariants — a failure is a bug in whoever appended it, and it crashes loudly.
import type { DomainEvent } from '@ledger/contracts';
import { assertNever, CURRENCY_PATTERN } from '@ledger/kernel';
import { assertEarningInvariants, type Earning, type EarningFacts } from './earning';
import { invariant } from './invariant';
import { PersistentMap } from './persistent-map';

export const EARNING_LEDGER_EVENT_TYPES = [
  'EarningAccrued', 'HoldPlaced', 'HoldReleased', 'EarningClawedBack', 'EarningPaid',
  'EarningAdjusted', 'MakeGoodGranted',
  'EarningFinalized', 'EarningUnfinalized', 'EarningPaymentReturned',
] as const;
export type EarningLedgerEvent = DomainEvent<(typeof EARNING_LEDGER_EVENT_TYPES)[number]>;
const ledgerEventTypes = new Set<string>(EARNING_LEDGER_EVENT_TYPES);
export const isEarningLedgerEvent = (event: DomainEvent): event is EarningLedgerEvent => ledgerEventTypes.has(event.type);

/**
 * The references and payouts of an earning that has none: one shared set, never changed (an event
 * that adds one makes a new set). A busy influencer's state holds tens of thousands of earnings,
 * most never clawed back or paid; two empty sets each were garbage to make and to trace.
 */
const NONE: ReadonlySet<string> = new Set();
const NO_PAYMENTS: ReadonlyMap<string, number> = new Map();

export interface EarningLedgerState {
  earnings: PersistentMap<Earning>;
}

export function initialEarningLedgerState(): EarningLedgerState {
  return { earnings: PersistentMap.empty() };
}

export function evolveEarningLedger(state: EarningLedgerState, event: DomainEvent): EarningLedgerState {
  if (!isEarningLedgerEvent(event)) return state;
  const next = applyToEarning(state, event);
  assertEarningInvariants(next);
  return { earnings: state.earnings.set(next.earningId, next) };
}

function applyToEarning(state: EarningLedgerState, event: EarningLedgerEvent): Earning {
  if (event.type === 'EarningAccrued') {
    const { earningId, influencerId, campaignId, orderId, channel, level, amount, rulesVersion, occurredAt } = event.data;
    invariant(!state.earnings.has(earningId), () => `earning ${earningId} accrued twice`);
    invariant(CURRENCY_PATTERN.test(amount.currency), () => `earning ${earningId} has currency ${amount.currency}`);
    return {
      earningId, kind: 'commission', influencerId, campaignId, orderId, channel, level, rulesVersion,
      amount: amount.amount,
      adjustments: 0,
      currency: amount.currency,
      accruedAt: occurredAt,
      holdUntil: null,
      clawedBack: 0,
      paid: 0,
      modifications: 0,
      clawbackReferences: NONE,
      payoutIds: NONE,
      finalized: null,
      payoutLocks: 0,
      payments: NO_PAYMENTS,
      state: 'pending',
    };
  }
  if (event.type === 'MakeGoodGranted') return madeGood(state, event.data);
  const earning = state.earnings.get(event.data.earningId);
  invariant(earning !== undefined, () => `${event.type} for earning ${event.data.earningId}, never accrued`);
  const facts = factsOf(earning);
  switch (event.type) {
    case 'HoldPlaced': {
      const { kind, reasonCode, holdUntil } = event.data;
      invariant(earning.state === 'pending' || earning.state === 'held' || earning.state === 'payable', () => `hold placed on ${earning.state} earning ${earning.earningId}`);
      if (kind === 'period') {
        // The period hold is placed with the accrual, once.
        invariant(earning.state === 'pending' && holdUntil !== undefined, () => `period hold on ${earning.state} earning ${earning.earningId}, holdUntil ${holdUntil}`);
        return { ...facts, holdUntil, state: 'held', hold: { kind, reasonCode, holdUntil } };
      }
      return { ...facts, modifications: facts.modifications + 1, state: 'held', hold: { kind, reasonCode } };
    }
    case 'HoldReleased': {
      const { kind, early } = event.data;
      invariant(earning.state === 'held', () => `hold released on ${earning.state} earning ${earning.earningId}`);
      invariant(earning.hold.kind === kind, () => `released a ${kind} hold, earning ${earning.earningId} has a ${earning.hold.kind} hold`);
      invariant(early || kind === 'period', () => `only a period hold ends by itself (earning ${earning.earningId})`);
      return { ...facts, modifications: facts.modifications + (early ? 1 : 0), state: 'payable' };
    }
    case 'EarningClawedBack': {
      const { amount, cumulative, reference } = event.data;
      invariant(amount.currency === earning.currency, () => `clawback in ${amount.currency} of a ${earning.currency} earning ${earning.earningId}`);
      invariant(Number.isSafeInteger(amount.amount) && amount.amount > 0, () => `clawback amount ${amount.amount} is a positive integer`);
      invariant(cumulative === earning.clawedBack + amount.amount, () => `clawback cumulative ${cumulative} = ${earning.clawedBack} + ${amount.amount}`);
      const clawbackReferences = new Set(earning.clawbackReferences).add(referenceKey(reference));
      const modifications = facts.modifications + (reference.kind === 'fraud' || reference.kind === 'reversal' ? 1 : 0);
      const updated = { ...facts, clawedBack: cumulative, clawbackReferences, modifications };
      // All of it taken back: nothing is left to hold or pay. After payment it stays paid (negative payable).
      if (cumulative === earning.amount && earning.state !== 'paid') return { ...updated, state: 'clawed_back' };
      return { ...earning, ...updated };
    }
    case 'EarningPaid': {
      const { amount, payoutId } = event.data;
      invariant(amount.currency === earning.currency, () => `payment in ${amount.currency} of a ${earning.currency} earning ${earning.earningId}`);
      const balance = earning.amount - earning.clawedBack - earning.paid;
      if (earning.finalized !== null) {
        // A locked earning is paid what was locked, whatever was clawed back since (that becomes recoverable).
        invariant(earning.state !== 'pending', () => `payment of pending locked earning ${earning.earningId}`);
        invariant(amount.amount === earning.finalized.amount, () => `payment ${amount.amount} of earning ${earning.earningId} locked at ${earning.finalized?.amount}`);
      } else {
        invariant(earning.state === 'payable' || earning.state === 'paid', () => `payment of ${earning.state} earning ${earning.earningId}`);
        invariant(amount.amount === balance && balance !== 0, () => `payment ${amount.amount} settles the payable balance ${balance} of earning ${earning.earningId}`);
      }
      const payments = new Map(earning.payments).set(payoutId, amount.amount);
      return { ...facts, paid: earning.paid + amount.amount, payoutIds: new Set(earning.payoutIds).add(payoutId), payments, finalized: null, state: 'paid' };
    }
    case 'EarningFinalized': {
      const { batchId, itemId, amount } = event.data;
      invariant(earning.finalized === null, () => `earning ${earning.earningId} locked to batch ${batchId} while locked to ${earning.finalized?.batchId}`);
      invariant(earning.state === 'payable' || earning.state === 'paid', () => `${earning.state} earning ${earning.earningId} locked to a payout`);
      invariant(amount.currency === earning.currency && amount.amount !== 0, () => `earning ${earning.earningId} locked at ${amount.amount} ${amount.currency}`);
      return { ...earning, finalized: { batchId, itemId, amount: amount.amount }, payoutLocks: earning.payoutLocks + 1 };
    }
    case 'EarningUnfinalized': {
      const { batchId, itemId } = event.data;
      invariant(earning.finalized?.batchId === batchId && earning.finalized.itemId === itemId, () => `earning ${earning.earningId} unlocked from ${batchId}:${itemId}, where it is not locked`);
      return { ...earning, finalized: null };
    }
    case 'EarningPaymentReturned': {
      const { amount, batchId, itemId } = event.data;
      invariant(earning.state === 'paid', () => `payment returned on ${earning.state} earning ${earning.earningId}`);
      invariant(amount.currency === earning.currency, () => `returned payment in ${amount.currency} of a ${earning.currency} earning ${earning.earningId}`);
      const paid = earning.paid - amount.amount;
      const payments = new Map(earning.payments);
      payments.delete(`${batchId}:${itemId}`);
      const updated = { ...facts, paid, payments };
      // Nothing paid any more: back to what the balance is — owed (payable), or nothing left at all.
      if (paid !== 0) return { ...updated, state: 'paid' };
      return { ...updated, state: earning.clawedBack === earning.amount ? 'clawed_back' : 'payable' };
    }
    case 'EarningAdjusted': {
      const { previousAmount, amount, delta, rulesVersion } = event.data;
      invariant(earning.state !== 'clawed_back', () => `adjusted clawed-back earning ${earning.earningId}`);
      invariant(amount.currency === earning.currency && delta.currency === earning.currency, () => `adjustment in ${amount.currency} of a ${earning.currency} earning ${earning.earningId}`);
      invariant(previousAmount.amount === earning.amount && amount.amount - previousAmount.amount === delta.amount, () => `adjustment of earning ${earning.earningId}: ${previousAmount.amount} + ${delta.amount} ≠ ${amount.amount} or the amount is ${earning.amount}`);
      invariant(amount.amount > earning.clawedBack, () => `adjusted earning ${earning.earningId} to ${amount.amount}, at or below its clawed back ${earning.clawedBack}`);
      const clawbackReferences = new Set(earning.clawbackReferences).add(`modification:${event.data.modificationId}`);
      const adjusted = { ...facts, amount: amount.amount, adjustments: facts.adjustments + delta.amount, rulesVersion, modifications: facts.modifications + 1, clawbackReferences };
      return { ...earning, ...adjusted };
    }
    default:
      return assertNever(event, 'unknown earning ledger event');
  }
}

/** A make-good is born payable: it was decided by a person, nothing to hold for. */
function madeGood(state: EarningLedgerState, data: DomainEvent<'MakeGoodGranted'>['data']): Earning {
  invariant(!state.earnings.has(data.earningId), () => `earning ${data.earningId} granted twice`);
  invariant(CURRENCY_PATTERN.test(data.currency) && data.amount.currency === data.currency, () => `make-good ${data.earningId} in ${data.amount.currency}/${data.currency}`);
  return {
    earningId: data.earningId, kind: 'make_good', influencerId: data.influencerId, campaignId: data.campaignId,
    orderId: data.orderId ?? '', channel: data.channel ?? '', level: data.level ?? 1, rulesVersion: data.rulesVersion,
    amount: data.amount.amount, adjustments: 0, currency: data.currency, accruedAt: data.at, holdUntil: null,
    clawedBack: 0, paid: 0, modifications: 0, clawbackReferences: NONE, payoutIds: NONE,
    finalized: null, payoutLocks: 0, payments: NO_PAYMENTS, state: 'payable',
  };
}

/**
 * The earning without its state (and hold), to build the next state from. Field by field rather
 * than a rest pattern: V8 copies an object literal fast and a rest-with-exclusions slowly, and
 * evolve does this for every event after the accrual. The EarningFacts type catches a required field left out.
 */
function factsOf(earning: Earning): EarningFacts {
  return {
    earningId: earning.earningId,
    kind: earning.kind,
    influencerId: earning.influencerId,
    campaignId: earning.campaignId,
    orderId: earning.orderId,
    channel: earning.channel,
    level: earning.level,
    rulesVersion: earning.rulesVersion,
    amount: earning.amount,
    adjustments: earning.adjustments,
    currency: earning.currency,
    accruedAt: earning.accruedAt,
    holdUntil: earning.holdUntil,
    clawedBack: earning.clawedBack,
    paid: earning.paid,
    modifications: earning.modifications,
    clawbackReferences: earning.clawbackReferences,
    payoutIds: earning.payoutIds,
    finalized: earning.finalized,
    payoutLocks: earning.payoutLocks,
    payments: earning.payments,
  };
}

export function referenceKey(reference: { kind: string; id: string }): string {
  return `${reference.kind}:${reference.id}`;
}

// ── reading the state ───────────────────────────────────────────────────────

export function earningOf(state: EarningLedgerState, earningId: string): Earning | undefined {
  return state.earnings.get(earningId);
}

/** Every earning, oldest accrual first (ties by id): a stable order for bulk commands and listings. */
export function earningsOf(state: EarningLedgerState): Earning[] {
  return [...state.earnings.values()].sort((a, b) => Date.parse(a.accruedAt) - Date.parse(b.accruedAt) || compareIds(a.earningId, b.earningId));
}

/** Period holds that have ended by `asOf`, the earliest first. */
export function dueHolds(state: EarningLedgerState, asOf: string): Array<Extract<Earning, { state: 'held' }>> {
  const asOfMs = Date.parse(asOf);
  const due: Array<Extract<Earning, { state: 'held' }>> = [];
  for (const earning of state.earnings.values()) {
    if (earning.state === 'held' && earning.hold.kind === 'period' && Date.parse(earning.hold.holdUntil ?? '') <= asOfMs) due.push(earning);
  }
  return due.sort((a, b) => Date.parse(a.hold.holdUntil ?? '') - Date.parse(b.hold.holdUntil ?? '') || compareIds(a.earningId, b.earningId));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
