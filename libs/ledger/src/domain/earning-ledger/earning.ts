// One earning as the ledger decider knows it, and how its amount splits into balance buckets.
import type { Channel, EarningKind, EarningState, HoldKind } from '@ledger/contracts';
import { assertNever, LIMITS } from '@ledger/kernel';
import { invariant } from './invariant';

/** A hold in force. Period holds end at `holdUntil`; manual and fraud holds end when someone releases them. */
export interface Hold {
  kind: HoldKind;
  reasonCode: string;
  holdUntil?: string;
}

export interface EarningFacts {
  earningId: string;
  /** `commission` (accrued from an order) or `make_good` (granted by hand; '' order and channel when it names no original). */
  kind: EarningKind;
  influencerId: string;
  campaignId: string;
  orderId: string;
  channel: Channel | '';
  level: number;
  rulesVersion: number;
  /** The commission now: accrued (or granted) + adjustments, integer minor units of `currency`. */
  amount: number;
  /** Sum of every adjustment's delta (EarningAdjusted): `amount − adjustments` is what was accrued. */
  adjustments: number;
  currency: string;
  accruedAt: string;
  /** End of the period hold placed at accrual; kept for reading after a manual hold replaced it. */
  holdUntil: string | null;
  clawedBack: number;
  /** Paid out so far; a payout after a post-payment clawback lowers it (recovery). */
  paid: number;
  /** Manual modifications so far (manual/fraud/dispute holds, early releases, fraud clawbacks, adjustments, reversals): bounded per earning. */
  modifications: number;
  /** `<kind>:<id>` of every clawback applied: a reference claws back once. */
  clawbackReferences: ReadonlySet<string>;
  payoutIds: ReadonlySet<string>;
  /** Locked to a payout batch's item (EarningFinalized) until it is paid or the item is cancelled; `amount` is what the item pays. */
  finalized: Finalized | null;
  /** Times a payout batch locked it (each lock adds at most 3 events: locked, paid or unlocked, returned); bounded. */
  payoutLocks: number;
  /** Payout id (`<batchId>:<itemId>`) → amount it settled, for payments not returned. Empty in read models (they never decide). */
  payments: ReadonlyMap<string, number>;
}

export interface Finalized {
  batchId: string;
  itemId: string;
  /** The balance locked (negative: a recovery netted from the item). */
  amount: number;
}

/** A payout id is the item that paid: `<batchId>:<itemId>`. */
export const payoutIdOf = (batchId: string, itemId: string): string => `${batchId}:${itemId}`;

/** Balance left to settle: accrued − clawed back − paid (negative after a clawback of a paid earning). */
export const balanceOf = (earning: EarningFacts): number => earning.amount - earning.clawedBack - earning.paid;

/**
 * Whether a payout batch may lock the earning: not locked already, and a balance to settle — a payable
 * earning, or a paid one whose balance moved after payment (a recovery, or an upward adjustment).
 */
export function isFinalizable(earning: Earning): boolean {
  if (earning.finalized !== null || earning.payoutLocks >= LIMITS.payouts.locksPerEarning) return false;
  const balance = balanceOf(earning);
  return (earning.state === 'payable' && balance > 0) || (earning.state === 'paid' && balance !== 0);
}

/** Tagged on `state`: only a held earning has a hold. */
export type Earning = EarningFacts &
  (
    | { state: 'pending' }
    | { state: 'held'; hold: Hold }
    | { state: 'payable' }
    | { state: 'paid' }
    | { state: 'clawed_back' }
  );

/** Where an earning's accrued amount sits. Sums to the accrued amount; `payable` < 0 only after a clawback of a paid earning. */
export interface Buckets {
  pending: number;
  held: number;
  payable: number;
  paid: number;
  clawedBack: number;
}

/**
 * The conservation law, per earning: amount = pending + held + payable + paid + clawedBack.
 * What is not clawed back sits in the bucket of the state; once paid, what was paid sits in `paid`
 * and the rest (negative after a later clawback) in `payable`, to be recovered from the next payout.
 */
export function bucketsOf(earning: Earning): Buckets {
  const remaining = earning.amount - earning.clawedBack;
  const buckets: Buckets = { pending: 0, held: 0, payable: 0, paid: 0, clawedBack: earning.clawedBack };
  switch (earning.state) {
    case 'pending':
      buckets.pending = remaining;
      break;
    case 'held':
      buckets.held = remaining;
      break;
    case 'payable':
      buckets.payable = remaining;
      break;
    case 'paid':
      buckets.paid = earning.paid;
      buckets.payable = remaining - earning.paid;
      break;
    case 'clawed_back':
      invariant(remaining === 0, () => `clawed-back earning ${earning.earningId} has ${remaining} left`);
      break;
    default:
      return assertNever(earning, 'unknown earning state');
  }
  return buckets;
}

export function sumBuckets(buckets: Buckets): number {
  return buckets.pending + buckets.held + buckets.payable + buckets.paid + buckets.clawedBack;
}

/** The amounts every earning must satisfy; evolve checks them after each event (a failure is a bug). */
export function assertEarningInvariants(earning: Earning): void {
  const { earningId, amount, clawedBack, paid } = earning;
  invariant(Number.isSafeInteger(amount), () => `amount of earning ${earningId} is an integer, got ${amount}`);
  invariant(Number.isSafeInteger(clawedBack), () => `clawedBack of earning ${earningId} is an integer, got ${clawedBack}`);
  invariant(Number.isSafeInteger(paid), () => `paid of earning ${earningId} is an integer, got ${paid}`);
  invariant(amount > 0, () => `earning ${earningId} has a positive amount`);
  invariant(clawedBack >= 0 && clawedBack <= amount, () => `earning ${earningId} never has more clawed back (${clawedBack}) than its amount (${amount})`);
  invariant(earning.state !== 'clawed_back' || clawedBack === amount, () => `earning ${earningId} is clawed_back only when fully clawed back`);
  invariant(earning.state === 'paid' || paid === 0, () => `only a paid earning has a paid amount`);
  // An adjustment after payment may leave more paid than the amount now is: the rest is recoverable (negative payable).
  invariant(paid >= 0, () => `earning ${earningId} paid ${paid} of ${amount}`);
  invariant(Number.isSafeInteger(earning.adjustments), () => `adjustments of earning ${earningId} are an integer`);
  const buckets = bucketsOf(earning);
  invariant(sumBuckets(buckets) === amount, () => `earning ${earningId}: buckets ${JSON.stringify(buckets)} do not sum to ${amount}`);
  invariant(buckets.pending >= 0 && buckets.held >= 0 && buckets.paid >= 0 && buckets.clawedBack >= 0, () => `earning ${earningId}: a bucket is negative: ${JSON.stringify(buckets)}`);
  invariant(buckets.payable >= 0 || earning.state === 'paid', () => `earning ${earningId}: payable is negative only after payment`);
}

// The union above covers exactly the published EarningState: adding a state there fails to compile here.
type SameStates = [Earning['state']] extends [EarningState] ? ([EarningState] extends [Earning['state']] ? true : never) : never;
export const EARNING_STATES_MATCH: SameStates = true;
