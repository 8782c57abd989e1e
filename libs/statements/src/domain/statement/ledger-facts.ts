// The ONE place where a ledger event on an earning stream becomes a statement fact: which line kind it is,
// what it does to the earning's owed and payable balances, and what the line shows. A new ledger event type
// is one entry of LEDGER_FACT_RULES. Pure: no I/O, no clock.
import type {
  EarningAccrued,
  EarningAdjusted as EarningAdjustedData,
  EarningClawedBack,
  EarningPaid,
  EarningPaymentReturned as EarningPaymentReturnedData,
  HoldPlaced,
  HoldReleased,
  MakeGoodGranted as MakeGoodGrantedData,
} from '@ledger/contracts';
import { assert } from '@ledger/kernel';

/** What a statement needs to know of one earning between its events. */
export interface EarningBalance {
  earningId: string;
  influencerId: string;
  currency: string;
  orderId: string | null;
  sourceRef: string | null;
  state: 'pending' | 'held' | 'payable' | 'paid' | 'clawed_back';
  /** Accrued + adjustments − clawed back, minor units. */
  net: number;
  /** Paid net of returned payments. */
  paid: number;
}

export const LINE_KINDS = ['earned', 'held', 'released', 'clawed_back', 'adjustment', 'make_good', 'paid', 'payment_returned', 'prior_period_adjustment'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export type FactKind = Exclude<LineKind, 'prior_period_adjustment'>;

/** One ledger fact as a statement counts it. */
export interface LedgerFact {
  kind: FactKind;
  /** What the line shows (positive for every kind; `held` is informational). */
  amount: number;
  /** Its effect on owed (pending + held + payable) and on payable. */
  owedDelta: number;
  payableDelta: number;
  at: string;
  note?: string;
}

/** owed = pending + held + payable = net − paid; payable is what is released and not paid (negative after a clawback of a paid earning). */
export function owedOf(b: EarningBalance | undefined): number {
  return b ? b.net - b.paid : 0;
}
export function payableOf(b: EarningBalance | undefined): number {
  return b && (b.state === 'payable' || b.state === 'paid') ? b.net - b.paid : 0;
}

interface Rule {
  kind: FactKind;
  /** The earning after the event (before is undefined only for the events that open an earning). */
  evolve(before: EarningBalance | undefined, data: any): EarningBalance;
  amount(data: any, before: EarningBalance | undefined, after: EarningBalance): number;
  at(data: any): string;
  note(data: any): string | undefined;
}

const existing = (before: EarningBalance | undefined, type: string): EarningBalance => {
  assert(before !== undefined, `${type} for an earning before its accrual`);
  return before;
};
const noteOf = (reasonCode?: string, note?: string): string | undefined => (note ? (reasonCode ? `${reasonCode}: ${note}` : note) : reasonCode);

export const LEDGER_FACT_RULES: Readonly<Record<string, Rule>> = {
  EarningAccrued: {
    kind: 'earned',
    evolve: (_b, d: EarningAccrued) => ({
      earningId: d.earningId, influencerId: d.influencerId, currency: d.amount.currency, orderId: d.orderId, sourceRef: d.sourceRef,
      state: 'pending', net: d.amount.amount, paid: 0,
    }),
    amount: (d: EarningAccrued) => d.amount.amount,
    at: (d: EarningAccrued) => d.occurredAt,
    note: () => undefined,
  },
  HoldPlaced: {
    kind: 'held',
    evolve: (b, _d: HoldPlaced) => ({ ...existing(b, 'HoldPlaced'), state: 'held' }),
    // Informational: what the hold now keeps from payment (the earning's whole balance).
    amount: (_d, before) => owedOf(before),
    at: (d: HoldPlaced) => d.at,
    note: (d: HoldPlaced) => noteOf(d.reasonCode, d.note),
  },
  HoldReleased: {
    kind: 'released',
    evolve: (b, _d: HoldReleased) => ({ ...existing(b, 'HoldReleased'), state: 'payable' }),
    amount: (_d, before, after) => payableOf(after) - payableOf(before),
    at: (d: HoldReleased) => d.at,
    note: (d: HoldReleased) => noteOf(d.reasonCode, d.note),
  },
  EarningClawedBack: {
    kind: 'clawed_back',
    evolve: (b, d: EarningClawedBack) => {
      const e = existing(b, 'EarningClawedBack');
      const net = e.net - d.amount.amount;
      return { ...e, net, state: net === 0 && e.state !== 'paid' ? 'clawed_back' : e.state };
    },
    amount: (d: EarningClawedBack) => d.amount.amount,
    at: (d: EarningClawedBack) => d.at,
    note: (d: EarningClawedBack) => `${d.reasonCode} (${d.reference.kind} ${d.reference.id})`,
  },
  EarningAdjusted: {
    kind: 'adjustment',
    evolve: (b, d: EarningAdjustedData) => ({ ...existing(b, 'EarningAdjusted'), net: existing(b, 'EarningAdjusted').net + d.delta.amount }),
    amount: (d: EarningAdjustedData) => d.delta.amount,
    at: (d: EarningAdjustedData) => d.at,
    note: (d: EarningAdjustedData) => noteOf(d.reasonCode, d.note),
  },
  MakeGoodGranted: {
    kind: 'make_good',
    evolve: (_b, d: MakeGoodGrantedData) => ({
      earningId: d.earningId, influencerId: d.influencerId, currency: d.amount.currency, orderId: d.orderId ?? null, sourceRef: null,
      state: 'payable', net: d.amount.amount, paid: 0,
    }),
    amount: (d: MakeGoodGrantedData) => d.amount.amount,
    at: (d: MakeGoodGrantedData) => d.at,
    note: (d: MakeGoodGrantedData) => noteOf(d.reasonCode, d.originalEarningId ? `make-good of ${d.originalEarningId}${d.note ? ` — ${d.note}` : ''}` : d.note),
  },
  EarningPaid: {
    kind: 'paid',
    evolve: (b, d: EarningPaid) => ({ ...existing(b, 'EarningPaid'), state: 'paid', paid: existing(b, 'EarningPaid').paid + d.amount.amount }),
    amount: (d: EarningPaid) => d.amount.amount,
    at: (d: EarningPaid) => d.at,
    note: (d: EarningPaid) => `payout ${d.payoutId}`,
  },
  EarningPaymentReturned: {
    kind: 'payment_returned',
    evolve: (b, d: EarningPaymentReturnedData) => {
      const e = existing(b, 'EarningPaymentReturned');
      const paid = e.paid - d.amount.amount;
      // As the ledger has it: still paid while another payment stands, else payable (or nothing left at all).
      return { ...e, paid, state: paid !== 0 ? 'paid' : e.net === 0 ? 'clawed_back' : 'payable' };
    },
    amount: (d: EarningPaymentReturnedData) => d.amount.amount,
    at: (d: EarningPaymentReturnedData) => d.at,
    note: (d: EarningPaymentReturnedData) => d.reasonCode,
  },
};

/** Every event type a statement counts (the lines projection's filter). */
export const STATEMENT_FACT_EVENT_TYPES = Object.keys(LEDGER_FACT_RULES);

/** Signs of each kind's effect on owed: the same law the statement's closing formula states (pair assertion). */
const OWED_SIGN: Record<FactKind, 1 | 0 | -1> = {
  earned: 1, held: 0, released: 0, clawed_back: -1, adjustment: 1, make_good: 1, paid: -1, payment_returned: 1,
};

/** Applies one ledger event of an earning; null when the type is not a statement fact. */
export function applyLedgerFact(
  before: EarningBalance | undefined,
  event: { type: string; data: unknown },
): { after: EarningBalance; fact: LedgerFact } | null {
  const rule = LEDGER_FACT_RULES[event.type];
  if (rule === undefined) return null;
  const after = rule.evolve(before, event.data);
  const amount = rule.amount(event.data, before, after);
  const owedDelta = owedOf(after) - owedOf(before);
  const payableDelta = payableOf(after) - payableOf(before);
  assert(Number.isSafeInteger(amount) && Number.isSafeInteger(owedDelta) && Number.isSafeInteger(payableDelta), `${event.type}: integer amounts`);
  // The fold and the closing formula must agree on what each kind does to owed.
  assert(owedDelta === OWED_SIGN[rule.kind] * amount, `${event.type}: owed moved by ${owedDelta}, the formula counts ${OWED_SIGN[rule.kind]} × ${amount}`);
  const note = rule.note(event.data);
  return { after, fact: { kind: rule.kind, amount, owedDelta, payableDelta, at: rule.at(event.data), ...(note ? { note } : {}) } };
}
