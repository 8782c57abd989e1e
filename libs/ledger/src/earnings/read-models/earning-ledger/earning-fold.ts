// Folds ledger events into earning rows with the write model's own evolve (and its invariant
// checks), so the read model cannot drift from what the decider believes. Pure: no SQL here.
import type { DomainEvent, EarningAccrued, MakeGoodGranted } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import { comparePositionText } from './positions';
import { bucketsOf, evolveEarningLedger, initialEarningLedgerState, type Earning, type EarningLedgerEvent } from '../../../domain/earning-ledger';
import type { Insertable } from 'kysely';
import type { EarningReference, LedgerEarningTransitionTable } from './earning-ledger.table';

/** An earning as the projection keeps it: the domain's Earning plus what only the read model shows. */
export interface FoldedEarning {
  org: string;
  earning: Earning;
  calculation: unknown;
  sourceRef: string;
  refs: EarningReference[];
  commitPosition: string;
  preparePosition: string;
}

/** A transition row as the projection inserts it (the table's insert shape). */
export type TransitionRow = Insertable<LedgerEarningTransitionTable>;

/**
 * Applies one recorded ledger event to the earning it names (undefined before its accrual).
 * Returns null when the event is at or before the row's last position: a replay or a duplicate.
 */
export function foldEarningEvent(
  current: FoldedEarning | undefined,
  recorded: RecordedEvent,
): { next: FoldedEarning; transition: TransitionRow } | null {
  const commit = recorded.position.commit.toString();
  const prepare = recorded.position.prepare.toString();
  if (current && comparePositionText(commit, prepare, current.commitPosition, current.preparePosition) <= 0) return null;
  const event = { type: recorded.type, data: recorded.data } as unknown as EarningLedgerEvent;
  const earningId = event.data.earningId;
  const creates = event.type === 'EarningAccrued' || event.type === 'MakeGoodGranted';
  if (!creates) assert(current !== undefined, `${event.type} ${recorded.id} for earning ${earningId} before its accrual`);

  const before = current ? stateWith(current.earning) : initialEarningLedgerState();
  const after = evolveEarningLedger(before, event as DomainEvent).earnings.get(earningId);
  assert(after !== undefined, `earning ${earningId} exists after ${event.type}`);

  const base: Omit<FoldedEarning, 'earning'> = current ?? (event.type === 'MakeGoodGranted' ? madeGood(recorded, event.data) : accrued(recorded, event.data as EarningAccrued));
  const next: FoldedEarning = { ...base, earning: after, refs: refsAfter(base.refs, event, recorded), commitPosition: commit, preparePosition: prepare };
  return { next, transition: transitionOf(recorded, event, current?.earning, after) };
}

export function bucketColumns(earning: Earning) {
  const b = bucketsOf(earning);
  return { pending_minor: b.pending, held_minor: b.held, payable_minor: b.payable, paid_minor: b.paid, clawed_back_minor: b.clawedBack };
}

function stateWith(earning: Earning) {
  const empty = initialEarningLedgerState();
  return { earnings: empty.earnings.set(earning.earningId, earning) };
}

function accrued(recorded: RecordedEvent, data: EarningAccrued): Omit<FoldedEarning, 'earning'> {
  return {
    org: recorded.metadata.org,
    calculation: data.calculation,
    sourceRef: data.sourceRef,
    refs: [{ kind: 'order', id: data.orderId, sourceRef: data.sourceRef }],
    commitPosition: '0',
    preparePosition: '0',
  };
}

function madeGood(recorded: RecordedEvent, data: MakeGoodGranted): Omit<FoldedEarning, 'earning'> {
  const refs: EarningReference[] = [];
  if (data.originalEarningId !== undefined) refs.push({ kind: 'original_earning', id: data.originalEarningId });
  if (data.disputeId !== undefined) refs.push({ kind: 'dispute', id: data.disputeId });
  return {
    org: recorded.metadata.org,
    calculation: { basis: 'make_good', modificationId: data.modificationId, reasonCode: data.reasonCode, ...(data.note === undefined ? {} : { note: data.note }) },
    sourceRef: recorded.metadata.sourceRef ?? '',
    refs,
    commitPosition: '0',
    preparePosition: '0',
  };
}

function refsAfter(refs: EarningReference[], event: EarningLedgerEvent, recorded: RecordedEvent): EarningReference[] {
  if (event.type === 'EarningAdjusted') {
    const { modificationId, delta, disputeId } = event.data;
    return [...refs, { kind: 'modification', id: modificationId, amount: delta.amount }, ...(disputeId === undefined ? [] : [{ kind: 'dispute' as const, id: disputeId }])];
  }
  if (event.type !== 'EarningClawedBack') return refs;
  const { reference, amount } = event.data;
  const sourceRef = recorded.metadata.sourceRef;
  return [...refs, { kind: reference.kind, id: reference.id, amount: amount.amount, ...(sourceRef ? { sourceRef } : {}) }];
}

function transitionOf(recorded: RecordedEvent, event: EarningLedgerEvent, before: Earning | undefined, after: Earning): TransitionRow {
  const m = recorded.metadata;
  const row: TransitionRow = {
    event_id: recorded.id,
    org: m.org,
    earning_id: after.earningId,
    influencer_id: after.influencerId,
    type: event.type,
    from_state: before?.state ?? null,
    to_state: after.state,
    amount_minor: null,
    currency: after.currency,
    hold_kind: null,
    actor_id: m.actorId,
    role: m.role ?? null,
    reason_code: null,
    note: null,
    source_ref: m.sourceRef ?? null,
    reference: null,
    cost_centre: m.costCentre ?? null,
    correlation_id: m.correlationId ?? null,
    causation_id: m.causationId ?? null,
    at: m.occurredAt,
    recorded_at: recorded.recordedAt,
    commit_position: recorded.position.commit.toString(),
    prepare_position: recorded.position.prepare.toString(),
  };
  switch (event.type) {
    case 'EarningAccrued':
      return { ...row, amount_minor: event.data.amount.amount, at: event.data.occurredAt, source_ref: row.source_ref ?? event.data.sourceRef };
    case 'HoldPlaced':
      return { ...row, hold_kind: event.data.kind, reason_code: event.data.reasonCode, note: event.data.note ?? null, at: event.data.at };
    case 'HoldReleased':
      return { ...row, hold_kind: event.data.kind, reason_code: event.data.reasonCode, note: event.data.note ?? null, at: event.data.at };
    case 'EarningClawedBack':
      return { ...row, amount_minor: event.data.amount.amount, reason_code: event.data.reasonCode, note: event.data.note ?? null, reference: JSON.stringify(event.data.reference), at: event.data.at };
    case 'EarningPaid':
      return { ...row, amount_minor: event.data.amount.amount, reference: JSON.stringify({ kind: 'payout', id: event.data.payoutId }), at: event.data.at };
    case 'EarningAdjusted': {
      // The reference keeps what an adjustment's history shows (earning/get `adjustments`): before, after, terms.
      const d = event.data;
      const reference = {
        kind: 'modification', id: d.modificationId, previousAmount: d.previousAmount.amount, amount: d.amount.amount, applyCurrentTerms: d.applyCurrentTerms,
        rulesVersion: d.rulesVersion, ...(d.commissionBase === undefined ? {} : { commissionBase: d.commissionBase }), ...(d.disputeId === undefined ? {} : { disputeId: d.disputeId }),
      };
      return { ...row, amount_minor: d.delta.amount, reason_code: d.reasonCode, note: d.note ?? null, reference: JSON.stringify(reference), at: d.at };
    }
    case 'MakeGoodGranted': {
      const d = event.data;
      const reference = { kind: 'modification', id: d.modificationId, ...(d.originalEarningId === undefined ? {} : { originalEarningId: d.originalEarningId }), ...(d.disputeId === undefined ? {} : { disputeId: d.disputeId }) };
      return { ...row, amount_minor: d.amount.amount, reason_code: d.reasonCode, note: d.note ?? null, reference: JSON.stringify(reference), at: d.at };
    }
    case 'EarningFinalized':
      return { ...row, amount_minor: event.data.amount.amount, reference: JSON.stringify({ kind: 'payout', id: `${event.data.batchId}:${event.data.itemId}` }), at: event.data.at };
    case 'EarningUnfinalized':
      return { ...row, reason_code: event.data.reasonCode, reference: JSON.stringify({ kind: 'payout', id: `${event.data.batchId}:${event.data.itemId}` }), at: event.data.at };
    case 'EarningPaymentReturned':
      return { ...row, amount_minor: event.data.amount.amount, reason_code: event.data.reasonCode, reference: JSON.stringify({ kind: 'payout', id: `${event.data.batchId}:${event.data.itemId}` }), at: event.data.at };
  }
}
