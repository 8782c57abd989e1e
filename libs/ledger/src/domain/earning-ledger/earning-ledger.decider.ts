// Earning ledger on the earning's stream (ADR 0009): accrue (held for the period at once), manual/fraud holds,
// early and due releases, clawbacks, payment. States: pending → held → payable → paid, clawed_back
// when all of it is taken back (a clawback after payment leaves it paid with a negative payable).
import { CHANNELS, type DomainEvent, type EarningClawedBack } from '@ledger/contracts';
import { addDays, assertNever, CURRENCY_PATTERN, LIMITS, type Decider, type FieldProblem } from '@ledger/kernel';
import { instantProblems, isIntegerIn, isText, optionalNote, reasonProblems, refuseInvalid } from './earning-ledger.checks';
import { adjustEarning, grantMakeGood, reverseEarning } from './earning-modifications';
import { balanceOf, isFinalizable, payoutIdOf, type Earning } from './earning';
import type {
  AccrueEarning,
  ClawBack,
  EarningLedgerCommand,
  FinalizeEarning,
  MarkEarningPaid,
  PlaceHold,
  ReleaseHold,
  ReleaseDueHolds,
  ReturnPayment,
  UnfinalizeEarning,
} from './earning-ledger.commands';
import {
  ClawbackExceedsAmount,
  EarningNotFound,
  EarningLockedToAnotherPayout,
  EarningNotPayable,
  HoldNotPlaceable,
  PaymentNotReturnable,
  HoldNotReleasable,
  ModificationLimitReached,
} from './earning-ledger.errors';
import {
  dueHolds,
  evolveEarningLedger,
  initialEarningLedgerState,
  referenceKey,
  type EarningLedgerEvent,
  type EarningLedgerState,
} from './earning-ledger.state';

export const HOLD_DAYS_MAX = 3650;
const DEFAULT_CLAWBACK_REASON: Record<EarningClawedBack['reference']['kind'], string> = {
  return: 'order_returned',
  cancellation: 'order_cancelled',
  fraud: 'fraud_reversal',
  reversal: 'reversed',
};

function decide(command: EarningLedgerCommand, state: EarningLedgerState): EarningLedgerEvent[] {
  switch (command.type) {
    case 'AccrueEarning':
      return accrue(command.data, state);
    case 'PlaceHold':
      return placeHold(command.data, state);
    case 'ReleaseHold':
      return releaseHold(command.data, state);
    case 'ReleaseDueHolds':
      return releaseDueHolds(command.data, state);
    case 'ClawBack':
      return clawBack(command.data, state);
    case 'MarkEarningPaid':
      return markPaid(command.data, state);
    case 'AdjustEarning':
      return adjustEarning(command.data, state);
    case 'ReverseEarning':
      return reverseEarning(command.data, state);
    case 'GrantMakeGood':
      return grantMakeGood(command.data, state);
    case 'FinalizeEarning':
      return finalize(command.data, state);
    case 'UnfinalizeEarning':
      return unfinalize(command.data, state);
    case 'ReturnPayment':
      return returnPayment(command.data, state);
    default:
      return assertNever(command, 'unknown earning ledger command');
  }
}

function accrue(data: AccrueEarning['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid(accrualProblems(data));
  // Earning ids are deterministic in their cause: a process-manager re-run accrues nothing new.
  if (state.earnings.has(data.earningId)) return [];
  const { earningId, influencerId, campaignId, orderId, channel, level, amount, rulesVersion, calculation, occurredAt, sourceRef } = data;
  return [
    {
      type: 'EarningAccrued',
      data: { earningId, influencerId, campaignId, orderId, channel, level, amount: { amount: amount.amount, currency: amount.currency }, rulesVersion, calculation, occurredAt, sourceRef },
    },
    // An order is the conversion: its earnings are held at once, for the campaign's hold period.
    { type: 'HoldPlaced', data: { earningId, kind: 'period', holdUntil: addDays(occurredAt, data.holdDays), reasonCode: 'hold_period', at: occurredAt } },
  ];
}

function placeHold(data: PlaceHold['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([
    ...(data.kind === 'manual' || data.kind === 'fraud' || data.kind === 'dispute' ? [] : [{ field: 'kind', problem: 'must be one of manual, fraud, dispute' }]),
    ...reasonProblems(data.reasonCode, data.note),
    ...instantProblems('now', data.now),
  ]);
  const earning = existing(state, data.earningId);
  switch (earning.state) {
    case 'paid':
    case 'clawed_back':
      throw new HoldNotPlaceable(earning.earningId, earning.state);
    case 'held':
      // Already held this way: nothing changes. A period hold, or another kind, is replaced by this one.
      if (earning.hold.kind === data.kind) return [];
      break;
    case 'pending':
    case 'payable':
      break;
    default:
      return assertNever(earning, 'unknown earning state');
  }
  refuseBeyondModificationLimit(earning);
  return [{ type: 'HoldPlaced', data: { earningId: earning.earningId, kind: data.kind, reasonCode: data.reasonCode, ...optionalNote(data.note), at: data.now } }];
}

function releaseHold(data: ReleaseHold['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([...reasonProblems(data.reasonCode, data.note), ...instantProblems('now', data.now)]);
  const earning = existing(state, data.earningId);
  // Only a hold of this kind (a dispute releases its own hold, never a fraud hold placed since).
  if (data.kind !== undefined && (earning.state !== 'held' || earning.hold.kind !== data.kind)) return [];
  if (earning.state !== 'held') throw new HoldNotReleasable(earning.earningId, earning.state);
  refuseBeyondModificationLimit(earning);
  return [
    {
      type: 'HoldReleased',
      data: { earningId: earning.earningId, kind: earning.hold.kind, reasonCode: data.reasonCode, ...optionalNote(data.note), early: true, at: data.now },
    },
  ];
}

/**
 * Period holds only: manual and fraud holds wait for a person. The release happens at `holdUntil` (when
 * the hold ended), not at `asOf` (when the scheduler noticed), so the ledger does not depend on when
 * the scheduler ran. At most LIMITS.ledger.releaseDueBatch per command; the caller repeats while it gets a full batch.
 */
function releaseDueHolds(data: ReleaseDueHolds['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid(instantProblems('asOf', data.asOf));
  return dueHolds(state, data.asOf)
    .slice(0, LIMITS.ledger.releaseDueBatch)
    .map((earning) => ({
      type: 'HoldReleased' as const,
      data: { earningId: earning.earningId, kind: 'period' as const, reasonCode: 'hold_expired', early: false, at: earning.hold.holdUntil ?? data.asOf },
    }));
}

function clawBack(data: ClawBack['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  const kinds = Object.keys(DEFAULT_CLAWBACK_REASON);
  refuseInvalid([
    ...(Number.isSafeInteger(data.cumulative) && data.cumulative >= 0 ? [] : [{ field: 'cumulative', problem: 'must be a non-negative integer of minor units' }]),
    ...(kinds.includes(data.reference?.kind) ? [] : [{ field: 'reference.kind', problem: `must be one of ${kinds.join(', ')}` }]),
    ...(isText(data.reference?.id, 200) ? [] : [{ field: 'reference.id', problem: 'must be a non-blank id' }]),
    ...(data.reasonCode === undefined ? [] : reasonProblems(data.reasonCode)),
    ...instantProblems('occurredAt', data.occurredAt),
  ]);
  // Allowed in every state: returns and cancellations are facts, whatever happened to the earning.
  const earning = existing(state, data.earningId);
  if (earning.clawbackReferences.has(referenceKey(data.reference))) return [];
  const accrued = earning.amount - earning.adjustments;
  if (data.cumulative > accrued) throw new ClawbackExceedsAmount(earning.earningId, data.cumulative, accrued);
  // `cumulative` is a share of what was accrued; after an adjustment the same share of the amount now is due.
  const due = scaledToAmount(data.cumulative, accrued, earning.amount);
  // Cumulative, not incremental: facts in any order (or a fraud reversal first) never take back twice.
  if (due <= earning.clawedBack) return [];
  return [
    {
      type: 'EarningClawedBack',
      data: {
        earningId: earning.earningId,
        amount: { amount: due - earning.clawedBack, currency: earning.currency },
        cumulative: due,
        reference: { kind: data.reference.kind, id: data.reference.id },
        reasonCode: data.reasonCode ?? DEFAULT_CLAWBACK_REASON[data.reference.kind],
        at: data.occurredAt,
      },
    },
  ];
}

function scaledToAmount(cumulative: number, accrued: number, amount: number): number {
  if (amount === accrued) return cumulative;
  if (cumulative >= accrued) return amount;
  return Math.min(amount, Number((BigInt(cumulative) * BigInt(amount)) / BigInt(accrued)));
}

function markPaid(data: MarkEarningPaid['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([...(isText(data.payoutId, 200) ? [] : [{ field: 'payoutId', problem: 'must be a non-blank id' }]), ...instantProblems('now', data.now)]);
  const earning = existing(state, data.earningId);
  if (earning.payoutIds.has(data.payoutId)) return [];
  if (earning.finalized !== null) {
    // Locked to a batch: only its item pays it, and it pays what was locked (a later clawback becomes recoverable).
    const lockedTo = payoutIdOf(earning.finalized.batchId, earning.finalized.itemId);
    if (lockedTo !== data.payoutId) throw new EarningLockedToAnotherPayout(earning.earningId, earning.finalized.batchId);
    // A hold placed after the lock stops the item before it is sent; if the provider posted anyway, the money
    // left: the payment is recorded (and ends the hold) rather than lost.
    return [{ type: 'EarningPaid', data: { earningId: earning.earningId, amount: { amount: earning.finalized.amount, currency: earning.currency }, payoutId: data.payoutId, at: data.now } }];
  }
  const balance = balanceOf(earning);
  // A payable earning is paid in full; a paid one only settles a negative balance left by a later clawback.
  const settles = earning.state === 'payable' || (earning.state === 'paid' && balance !== 0);
  if (!settles) throw new EarningNotPayable(earning.earningId, earning.state);
  return [{ type: 'EarningPaid', data: { earningId: earning.earningId, amount: { amount: balance, currency: earning.currency }, payoutId: data.payoutId, at: data.now } }];
}

/** Lock the balance to one batch item. By construction an earning is never in two open batches: a locked one is refused. */
function finalize(data: FinalizeEarning['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([...payoutRefProblems(data), ...instantProblems('now', data.now)]);
  const earning = existing(state, data.earningId);
  if (earning.finalized !== null) {
    if (earning.finalized.batchId === data.batchId && earning.finalized.itemId === data.itemId) return [];
    throw new EarningLockedToAnotherPayout(earning.earningId, earning.finalized.batchId);
  }
  if (!isFinalizable(earning)) throw new EarningNotPayable(earning.earningId, earning.state);
  return [{ type: 'EarningFinalized', data: { earningId: earning.earningId, batchId: data.batchId, itemId: data.itemId, amount: { amount: balanceOf(earning), currency: earning.currency }, at: data.now } }];
}

function unfinalize(data: UnfinalizeEarning['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([...payoutRefProblems(data), ...reasonProblems(data.reasonCode), ...instantProblems('now', data.now)]);
  const earning = existing(state, data.earningId);
  // Not (or no longer) locked to this item: paid meanwhile, or already unlocked — nothing to undo.
  if (earning.finalized === null || earning.finalized.batchId !== data.batchId || earning.finalized.itemId !== data.itemId) return [];
  return [{ type: 'EarningUnfinalized', data: { earningId: earning.earningId, batchId: data.batchId, itemId: data.itemId, reasonCode: data.reasonCode, at: data.now } }];
}

function returnPayment(data: ReturnPayment['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([...payoutRefProblems(data), ...reasonProblems(data.reasonCode), ...instantProblems('now', data.now)]);
  const earning = existing(state, data.earningId);
  const payoutId = payoutIdOf(data.batchId, data.itemId);
  const settled = earning.payments.get(payoutId);
  if (settled === undefined) {
    // Paid by this item once and no longer among the payments: returned already.
    if (earning.payoutIds.has(payoutId)) return [];
    throw new PaymentNotReturnable(earning.earningId, payoutId);
  }
  const paidAfter = earning.paid - settled;
  if (paidAfter < 0 || paidAfter > earning.amount) throw new PaymentNotReturnable(earning.earningId, payoutId);
  return [{ type: 'EarningPaymentReturned', data: { earningId: earning.earningId, batchId: data.batchId, itemId: data.itemId, amount: { amount: settled, currency: earning.currency }, reasonCode: data.reasonCode, at: data.now } }];
}

function payoutRefProblems(data: { batchId: unknown; itemId: unknown }): FieldProblem[] {
  return [
    ...(isText(data.batchId, 200) ? [] : [{ field: 'batchId', problem: 'must be a non-blank id' }]),
    ...(isText(data.itemId, 200) ? [] : [{ field: 'itemId', problem: 'must be a non-blank id' }]),
  ];
}

// ── checks ──────────────────────────────────────────────────────────────────

function existing(state: EarningLedgerState, earningId: string): Earning {
  const earning = state.earnings.get(earningId);
  if (earning === undefined) throw new EarningNotFound(earningId);
  return earning;
}

function refuseBeyondModificationLimit(earning: Earning): void {
  if (earning.modifications >= LIMITS.ledger.modificationsPerEarning) throw new ModificationLimitReached(earning.earningId);
}

function accrualProblems(data: AccrueEarning['data']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['earningId', 'influencerId', 'campaignId', 'orderId', 'sourceRef'] as const) {
    if (!isText(data[field], 200)) problems.push({ field, problem: 'must be a non-blank id' });
  }
  if (!(CHANNELS as readonly string[]).includes(data.channel)) problems.push({ field: 'channel', problem: `must be one of ${CHANNELS.join(', ')}` });
  if (!isIntegerIn(data.level, 1, LIMITS.domain.referralLevels)) problems.push({ field: 'level', problem: `must be an integer from 1 to ${LIMITS.domain.referralLevels}` });
  if (!isIntegerIn(data.amount?.amount, 1, LIMITS.domain.moneyMinorMax)) problems.push({ field: 'amount.amount', problem: 'must be a positive integer of minor units' });
  if (!CURRENCY_PATTERN.test(data.amount?.currency ?? '')) problems.push({ field: 'amount.currency', problem: 'must be an ISO 4217 code' });
  if (!isIntegerIn(data.rulesVersion, 1, Number.MAX_SAFE_INTEGER)) problems.push({ field: 'rulesVersion', problem: 'must be a positive integer' });
  if (!isIntegerIn(data.holdDays, 0, HOLD_DAYS_MAX)) problems.push({ field: 'holdDays', problem: `must be an integer from 0 to ${HOLD_DAYS_MAX}` });
  problems.push(...instantProblems('occurredAt', data.occurredAt));
  return problems;
}

export const earningLedgerDecider: Decider<EarningLedgerCommand, EarningLedgerEvent, EarningLedgerState, DomainEvent> = {
  decide,
  evolve: evolveEarningLedger,
  initialState: initialEarningLedgerState,
};
