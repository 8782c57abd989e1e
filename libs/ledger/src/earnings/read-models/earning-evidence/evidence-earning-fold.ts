import type { Selectable } from 'kysely';
import type { EarningAccrued, EarningAdjusted, EarningPaid, MakeGoodGranted } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import { comparePositionText } from '../earning-ledger/positions';
import type { AccruedFact, AdjustmentFact, LedgerEarningEvidenceTable, PaidFact, PostedFact } from './earning-evidence.table';
import type { EarningFinalizedData, EarningUnfinalizedData, PayoutItemPostedData } from './foreign-events';

/** Events of the earning's own stream the evidence reads (position-guarded: each applies once, in stream order). */
export const EARNING_STREAM_TYPES = ['EarningAccrued', 'MakeGoodGranted', 'EarningAdjusted', 'EarningFinalized', 'EarningUnfinalized', 'EarningPaid'] as const;

/** One ledger_earning_evidence row as written (jsonb as values, times as ISO text). */
export interface EvidenceEarningRow {
  org: string;
  earning_id: string;
  order_id: string | null;
  influencer_id: string | null;
  campaign_id: string | null;
  rules_version: number | null;
  accrued: AccruedFact | null;
  calculation: Record<string, unknown> | null;
  adjustments: AdjustmentFact[];
  batch_id: string | null;
  item_id: string | null;
  paid: PaidFact | null;
  paid_at: string | null;
  posted: PostedFact | null;
  last_commit_position: string | null;
  last_prepare_position: string | null;
}

export function emptyEarningRow(org: string, earningId: string): EvidenceEarningRow {
  return {
    org, earning_id: earningId, order_id: null, influencer_id: null, campaign_id: null, rules_version: null, accrued: null, calculation: null,
    adjustments: [], batch_id: null, item_id: null, paid: null, paid_at: null, posted: null, last_commit_position: null, last_prepare_position: null,
  };
}

export function earningRowFrom(row: Selectable<LedgerEarningEvidenceTable>): EvidenceEarningRow {
  return { ...row, adjustments: row.adjustments ?? [], paid_at: row.paid_at === null ? null : new Date(row.paid_at).toISOString() };
}

/**
 * The row after one event, or null when the event changes nothing it has not already: an earning-stream event at
 * or before the row's last position (a replay). A posted item is not on the earning's stream: it sets its column.
 */
export function applyEarningFact(row: EvidenceEarningRow, event: RecordedEvent): EvidenceEarningRow | null {
  if (event.type === 'PayoutItemPosted') {
    const d = event.data as unknown as PayoutItemPostedData;
    return { ...row, posted: { batchId: d.batchId, itemId: d.itemId, providerRef: d.providerRef ?? null, at: d.at, eventId: event.id } };
  }
  const [commit, prepare] = [event.position.commit.toString(), event.position.prepare.toString()];
  if (row.last_commit_position !== null && comparePositionText(commit, prepare, row.last_commit_position, row.last_prepare_position!) <= 0) return null;
  const next = { ...row, last_commit_position: commit, last_prepare_position: prepare };
  switch (event.type) {
    case 'EarningAccrued': {
      const d = event.data as unknown as EarningAccrued;
      return {
        ...next, order_id: d.orderId, influencer_id: d.influencerId, campaign_id: d.campaignId, rules_version: d.rulesVersion, calculation: { ...d.calculation },
        accrued: { orderId: d.orderId, sourceRef: d.sourceRef, occurredAt: d.occurredAt, channel: d.channel, amount: d.amount },
      };
    }
    case 'MakeGoodGranted': {
      const d = event.data as unknown as MakeGoodGranted;
      return {
        ...next, order_id: d.orderId ?? null, influencer_id: d.influencerId, campaign_id: d.campaignId, rules_version: d.rulesVersion,
        accrued: { orderId: d.orderId ?? null, sourceRef: null, occurredAt: d.at, channel: d.channel ?? null, amount: d.amount },
        // A make-good has no formula: its calculation is the decision that granted it.
        calculation: { basis: 'make_good', modificationId: d.modificationId, reasonCode: d.reasonCode, originalEarningId: d.originalEarningId ?? null, disputeId: d.disputeId ?? null },
      };
    }
    case 'EarningAdjusted': {
      const d = event.data as unknown as EarningAdjusted;
      const adjustment: AdjustmentFact = {
        modificationId: d.modificationId, previousAmount: d.previousAmount, amount: d.amount, delta: d.delta, reasonCode: d.reasonCode,
        applyCurrentTerms: d.applyCurrentTerms, rulesVersion: d.rulesVersion, commissionBase: d.commissionBase ?? null, eventId: event.id, at: d.at,
      };
      // Bounded by LIMITS.ledger.modificationsPerEarning (the decider refuses more).
      return { ...next, adjustments: [...next.adjustments, adjustment] };
    }
    case 'EarningFinalized': {
      const d = event.data as unknown as EarningFinalizedData;
      return { ...next, batch_id: d.batchId, item_id: d.itemId };
    }
    case 'EarningUnfinalized': {
      const d = event.data as unknown as EarningUnfinalizedData;
      // Out of that batch (cancelled): its approval no longer speaks for this earning.
      return next.batch_id === d.batchId ? { ...next, batch_id: null, item_id: null } : next;
    }
    case 'EarningPaid': {
      const d = event.data as unknown as EarningPaid;
      // payoutId is `<batchId>:<itemId>` for a batch payout: the batch link when EarningFinalized is not known.
      const [batchId, itemId] = d.payoutId.includes(':') ? d.payoutId.split(':', 2) : [null, null];
      return { ...next, paid: { payoutId: d.payoutId, amount: d.amount, at: d.at, eventId: event.id }, paid_at: d.at, batch_id: next.batch_id ?? batchId ?? null, item_id: next.item_id ?? itemId ?? null };
    }
    default:
      return next;
  }
}
