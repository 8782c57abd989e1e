// Between ledger_earning rows and the domain's Earning (what earning-fold evolves).
import type { Selectable } from 'kysely';
import type { Channel, EarningKind, EarningState, HoldKind } from '@ledger/contracts';
import { assert } from '@ledger/kernel';
import type { Earning, EarningFacts } from '../../../domain/earning-ledger';
import { bucketColumns, type FoldedEarning } from './earning-fold';
import type { EarningReference, LedgerEarningTable } from './earning-ledger.table';

export function foldedFromRow(row: Selectable<LedgerEarningTable>): FoldedEarning {
  const refs = row.refs as unknown as EarningReference[];
  const facts: EarningFacts = {
    earningId: row.earning_id,
    kind: row.kind as EarningKind,
    influencerId: row.influencer_id,
    campaignId: row.campaign_id,
    orderId: row.order_id,
    channel: row.channel as Channel | '',
    level: row.level,
    rulesVersion: row.rules_version,
    amount: Number(row.amount_minor),
    adjustments: Number(row.adjustments_minor),
    currency: row.currency,
    accruedAt: isoOf(row.occurred_at),
    holdUntil: row.hold_until ? isoOf(row.hold_until) : null,
    clawedBack: Number(row.clawed_back_minor),
    paid: Number(row.paid_minor),
    // Only the decider limits modifications; the read model never decides, so it does not count them.
    modifications: 0,
    clawbackReferences: new Set(refs.filter((r) => r.kind !== 'order' && r.kind !== 'original_earning' && r.kind !== 'dispute').map((r) => `${r.kind}:${r.id}`)),
    payoutIds: new Set(),
    finalized: row.payout_batch_id !== null && row.payout_item_id !== null && row.finalized_minor !== null
      ? { batchId: row.payout_batch_id, itemId: row.payout_item_id, amount: Number(row.finalized_minor) }
      : null,
    // Like modifications: only the decider limits payout locks; the read model never decides.
    payoutLocks: 0,
    payments: new Map(),
  };
  const state = row.state as EarningState;
  let earning: Earning;
  if (state === 'held') {
    assert(row.hold_kind !== null && row.hold_reason_code !== null, `held earning ${row.earning_id} has a hold`);
    const kind = row.hold_kind as HoldKind;
    const hold = { kind, reasonCode: row.hold_reason_code, ...(kind === 'period' && facts.holdUntil ? { holdUntil: facts.holdUntil } : {}) };
    earning = { ...facts, state, hold };
  } else {
    earning = { ...facts, state };
  }
  return {
    org: row.org,
    earning,
    calculation: row.calculation,
    sourceRef: row.source_ref,
    refs,
    commitPosition: String(row.last_commit_position),
    preparePosition: String(row.last_prepare_position),
  };
}

export function rowOf(folded: FoldedEarning) {
  const { earning } = folded;
  const held = earning.state === 'held' ? earning.hold : null;
  return {
    earning_id: earning.earningId,
    org: folded.org,
    influencer_id: earning.influencerId,
    campaign_id: earning.campaignId,
    order_id: earning.orderId,
    channel: earning.channel,
    level: earning.level,
    currency: earning.currency,
    state: earning.state,
    amount_minor: earning.amount,
    ...bucketColumns(earning),
    hold_kind: held?.kind ?? null,
    hold_reason_code: held?.reasonCode ?? null,
    hold_until: earning.holdUntil,
    rules_version: earning.rulesVersion,
    calculation: JSON.stringify(folded.calculation),
    source_ref: folded.sourceRef,
    refs: JSON.stringify(folded.refs),
    occurred_at: earning.accruedAt,
    payout_batch_id: earning.finalized?.batchId ?? null,
    payout_item_id: earning.finalized?.itemId ?? null,
    finalized_minor: earning.finalized?.amount ?? null,
    last_commit_position: folded.commitPosition,
    last_prepare_position: folded.preparePosition,
    kind: earning.kind,
    adjustments_minor: earning.adjustments,
  };
}

function isoOf(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
