// Modifications of an earning (seed 003, API.md "Modifications"): adjust and reverse before the lock date,
// at most LIMITS.ledger.modificationsPerEarning per earning, in the earning's own currency; a make-good
// (a new payable earning) at any time — after the lock date it is the only correction left.
import { CHANNELS } from '@ledger/contracts';
import { CURRENCY_PATTERN, LIMITS, ValidationFailed, type FieldProblem } from '@ledger/kernel';
import { recalculatedCommission } from '../earnings/recalculate-commission';
import type { Earning } from './earning';
import type { AdjustEarning, GrantMakeGood, ReverseEarning } from './earning-ledger.commands';
import { instantProblems, isIntegerIn, isText, optionalNote, reasonProblems, refuseInvalid } from './earning-ledger.checks';
import { EarningLocked, EarningNotFound, EarningNotModifiable, TooManyModifications } from './earning-ledger.errors';
import type { EarningLedgerEvent, EarningLedgerState } from './earning-ledger.state';

/** The key under which a modification is remembered on its earning: the same modification applies once. */
export const modificationKey = (modificationId: string): string => `modification:${modificationId}`;

export function adjustEarning(data: AdjustEarning['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  const byAmount = 'amount' in data.change;
  refuseInvalid([
    ...modificationProblems(data),
    ...instantProblems('lockAt', data.lockAt),
    ...('amount' in data.change ? moneyProblems('amount', data.change.amount, 1) : []),
    ...('commissionBase' in data.change && !isIntegerIn(data.change.commissionBase, 0, LIMITS.domain.moneyMinorMax)
      ? [{ field: 'commissionBase', problem: 'must be a non-negative integer of minor units' }]
      : []),
  ]);
  const earning = existing(state, data.earningId);
  if (earning.clawbackReferences.has(modificationKey(data.modificationId))) return [];
  // In the earning's own currency (seed 003): there is no exchange rate in the ledger.
  if ('amount' in data.change && data.change.amount.currency !== earning.currency) {
    throw new ValidationFailed([{ field: 'amount.currency', problem: `must be the earning's currency, ${earning.currency}` }]);
  }
  refuseUnmodifiable(earning, data.lockAt, data.now);
  const amount = 'amount' in data.change ? data.change.amount.amount : recalculated(earning, data.change.commissionBase, data.change.terms);
  const rulesVersion = 'terms' in data.change ? data.change.terms.rulesVersion : earning.rulesVersion;
  if (amount <= 0) throw new EarningNotModifiable(earning.earningId, 'the new commission is 0 — reverse the earning instead');
  if (amount <= earning.clawedBack) {
    throw new EarningNotModifiable(earning.earningId, `the new commission ${amount} is not above what was clawed back (${earning.clawedBack})`);
  }
  if (amount === earning.amount && rulesVersion === earning.rulesVersion) return [];
  const money = (minor: number) => ({ amount: minor, currency: earning.currency });
  return [
    {
      type: 'EarningAdjusted',
      data: {
        earningId: earning.earningId,
        modificationId: data.modificationId,
        previousAmount: money(earning.amount),
        amount: money(amount),
        delta: money(amount - earning.amount),
        reasonCode: data.reasonCode,
        ...optionalNote(data.note),
        applyCurrentTerms: byAmount ? false : data.applyCurrentTerms,
        rulesVersion,
        ...('commissionBase' in data.change ? { commissionBase: data.change.commissionBase } : {}),
        ...(data.disputeId === undefined ? {} : { disputeId: data.disputeId }),
        at: data.now,
      },
    },
  ];
}

export function reverseEarning(data: ReverseEarning['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  refuseInvalid([...modificationProblems(data), ...instantProblems('lockAt', data.lockAt)]);
  const earning = existing(state, data.earningId);
  if (earning.clawbackReferences.has(`reversal:${data.modificationId}`)) return [];
  refuseUnmodifiable(earning, data.lockAt, data.now);
  const left = earning.amount - earning.clawedBack;
  if (left === 0) throw new EarningNotModifiable(earning.earningId, 'all of it is clawed back already');
  return [
    {
      type: 'EarningClawedBack',
      data: {
        earningId: earning.earningId,
        amount: { amount: left, currency: earning.currency },
        cumulative: earning.amount,
        reference: { kind: 'reversal', id: data.modificationId },
        reasonCode: data.reasonCode,
        ...optionalNote(data.note),
        at: data.now,
      },
    },
  ];
}

export function grantMakeGood(data: GrantMakeGood['data'], state: EarningLedgerState): EarningLedgerEvent[] {
  const original = data.original;
  refuseInvalid([
    ...modificationProblems(data),
    ...(['influencerId', 'campaignId'] as const).flatMap((field) => (isText(data[field], 200) ? [] : [{ field, problem: 'must be a non-blank id' }])),
    ...moneyProblems('amount', data.amount, 1),
    ...(isIntegerIn(data.rulesVersion, 1, Number.MAX_SAFE_INTEGER) ? [] : [{ field: 'rulesVersion', problem: 'must be a positive integer' }]),
    ...(original === undefined || (original.channel === '' || (CHANNELS as readonly string[]).includes(original.channel))
      ? []
      : [{ field: 'original.channel', problem: `must be one of ${CHANNELS.join(', ')}` }]),
  ]);
  // The new earning's id is deterministic in the modification: granting it again grants nothing.
  if (state.earnings.has(data.earningId)) return [];
  return [
    {
      type: 'MakeGoodGranted',
      data: {
        earningId: data.earningId,
        modificationId: data.modificationId,
        influencerId: data.influencerId,
        campaignId: data.campaignId,
        currency: data.amount.currency,
        amount: { amount: data.amount.amount, currency: data.amount.currency },
        ...(original === undefined
          ? {}
          : { originalEarningId: original.earningId, ...(original.orderId ? { orderId: original.orderId } : {}), ...(original.channel ? { channel: original.channel } : {}), level: original.level }),
        rulesVersion: data.rulesVersion,
        ...(data.disputeId === undefined ? {} : { disputeId: data.disputeId }),
        reasonCode: data.reasonCode,
        ...optionalNote(data.note),
        at: data.now,
      },
    },
  ];
}

/**
 * Before the lock date only: modifiable while `now` < occurredAt + lockDays; at that instant it is locked.
 * A clawed-back earning has nothing left to modify; the 1,001st modification is refused.
 */
function refuseUnmodifiable(earning: Earning, lockAt: string, now: string): void {
  if (earning.state === 'clawed_back') throw new EarningNotModifiable(earning.earningId, 'it is clawed back');
  if (Date.parse(now) >= Date.parse(lockAt)) throw new EarningLocked(earning.earningId, lockAt);
  if (earning.modifications >= LIMITS.ledger.modificationsPerEarning) throw new TooManyModifications(earning.earningId);
}

function recalculated(earning: Earning, commissionBase: number, terms: Extract<AdjustEarning['data']['change'], { terms: unknown }>['terms']): number {
  return recalculatedCommission({ level: earning.level, channel: earning.channel, currency: earning.currency, commissionBase, rules: terms.rules, recorded: terms.recorded });
}

function existing(state: EarningLedgerState, earningId: string): Earning {
  const earning = state.earnings.get(earningId);
  if (earning === undefined) throw new EarningNotFound(earningId);
  return earning;
}

function modificationProblems(data: { earningId: string; modificationId: string; reasonCode: string; note?: string; now: string }): FieldProblem[] {
  return [
    ...(isText(data.earningId, 200) ? [] : [{ field: 'earningId', problem: 'must be a non-blank id' }]),
    ...(isText(data.modificationId, 200) ? [] : [{ field: 'modificationId', problem: 'must be a non-blank id of at most 200 characters' }]),
    ...reasonProblems(data.reasonCode, data.note),
    ...instantProblems('now', data.now),
  ];
}

function moneyProblems(field: string, money: { amount: number; currency: string } | undefined, min: number): FieldProblem[] {
  return [
    ...(isIntegerIn(money?.amount, min, LIMITS.domain.moneyMinorMax) ? [] : [{ field: `${field}.amount`, problem: 'must be a positive integer of minor units' }]),
    ...(CURRENCY_PATTERN.test(money?.currency ?? '') ? [] : [{ field: `${field}.currency`, problem: 'must be an ISO 4217 code' }]),
  ];
}
