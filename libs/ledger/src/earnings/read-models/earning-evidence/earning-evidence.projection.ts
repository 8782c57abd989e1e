import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { ConversionAttributed, EarningAccrued, EarningAdjusted, EarningPaid, MakeGoodGranted, OrderRecorded } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import type { AccruedFact, AdjustmentFact, LedgerEvidenceDB } from './earning-evidence.table';
import {
  FOREIGN_EVIDENCE_EVENT_TYPES, type EarningFinalizedData, type EarningUnfinalizedData, type FraudCheckCompletedData,
  type PayoutBatchApprovedData, type PayoutItemPostedData,
} from './foreign-events';

// Rows are written column by column (each event only its own), so the insert types are the loose ones.
type Trx = Transaction<any>;

/**
 * ledger_earning_evidence + ledger_evidence_order + ledger_evidence_batch: the proof behind each earning
 * (docs/evidence.md). Each event writes only the row keyed like its own stream (earning, order, batch), and
 * earning/get joins them, so no part waits for another to arrive first: $all orders one stream, not streams
 * against each other. Replay-safe: earning-stream facts only move a row forward past its last position;
 * an order's conversion and attribution and a batch's approval are first-stands; a fraud check is the
 * latest by position; a posted item is keyed by the earning and overwritten with the same fact.
 */
export const earningEvidenceProjection: Projection<LedgerEvidenceDB> = {
  name: 'ledger_earning_evidence',
  tables: ['ledger_earning_evidence', 'ledger_evidence_order', 'ledger_evidence_batch'],
  filter: {
    streamPrefixes: ['earning-', 'conversion-', 'order-', 'fraudcheck-', 'payout-'],
    eventTypes: [
      'EarningAccrued', 'MakeGoodGranted', 'EarningAdjusted', 'EarningPaid', 'ConversionAttributed', 'OrderRecorded', ...FOREIGN_EVIDENCE_EVENT_TYPES,
    ],
  },
  async apply(trx, events) {
    // One statement per event: the evidence is read per earning, never rebuilt on a hot path.
    for (const event of events) await applyOne(trx as Trx, event);
  },
};

async function applyOne(trx: Trx, event: RecordedEvent): Promise<void> {
  const org = event.metadata.org;
  switch (event.type) {
    case 'EarningAccrued': {
      const d = event.data as unknown as EarningAccrued;
      const accrued: AccruedFact = { orderId: d.orderId, sourceRef: d.sourceRef, occurredAt: d.occurredAt, channel: d.channel, amount: d.amount };
      return earningFact(trx, event, d.earningId, {
        order_id: d.orderId, influencer_id: d.influencerId, campaign_id: d.campaignId, rules_version: d.rulesVersion,
        accrued: JSON.stringify(accrued), calculation: JSON.stringify(d.calculation),
      });
    }
    case 'MakeGoodGranted': {
      const d = event.data as unknown as MakeGoodGranted;
      const accrued: AccruedFact = { orderId: d.orderId ?? null, sourceRef: null, occurredAt: d.at, channel: d.channel ?? null, amount: d.amount };
      // A make-good has no formula: its calculation is the decision that granted it.
      const calculation = { basis: 'make_good', modificationId: d.modificationId, reasonCode: d.reasonCode, originalEarningId: d.originalEarningId ?? null, disputeId: d.disputeId ?? null };
      return earningFact(trx, event, d.earningId, {
        order_id: d.orderId ?? null, influencer_id: d.influencerId, campaign_id: d.campaignId, rules_version: d.rulesVersion,
        accrued: JSON.stringify(accrued), calculation: JSON.stringify(calculation),
      });
    }
    case 'EarningAdjusted': {
      const d = event.data as unknown as EarningAdjusted;
      const adjustment: AdjustmentFact = {
        modificationId: d.modificationId, previousAmount: d.previousAmount, amount: d.amount, delta: d.delta, reasonCode: d.reasonCode,
        applyCurrentTerms: d.applyCurrentTerms, rulesVersion: d.rulesVersion, commissionBase: d.commissionBase ?? null, eventId: event.id, at: d.at,
      };
      return earningFact(trx, event, d.earningId, { adjustments: JSON.stringify([adjustment]) }, {
        adjustments: sql`ledger_earning_evidence.adjustments || excluded.adjustments`,
      });
    }
    case 'EarningFinalized': {
      const d = event.data as unknown as EarningFinalizedData;
      return earningFact(trx, event, d.earningId, { batch_id: d.batchId, item_id: d.itemId });
    }
    case 'EarningUnfinalized': {
      const d = event.data as unknown as EarningUnfinalizedData;
      // Out of that batch (cancelled): its approval no longer speaks for this earning.
      const same = sql`ledger_earning_evidence.batch_id = ${d.batchId}`;
      return earningFact(trx, event, d.earningId, {}, {
        batch_id: sql`CASE WHEN ${same} THEN NULL ELSE ledger_earning_evidence.batch_id END`,
        item_id: sql`CASE WHEN ${same} THEN NULL ELSE ledger_earning_evidence.item_id END`,
      });
    }
    case 'EarningPaid': {
      const d = event.data as unknown as EarningPaid;
      // payoutId is `<batchId>:<itemId>` for a batch payout: the batch link when EarningFinalized is not known.
      const [batchId, itemId] = d.payoutId.includes(':') ? d.payoutId.split(':', 2) : [null, null];
      return earningFact(trx, event, d.earningId, {
        paid: JSON.stringify({ payoutId: d.payoutId, amount: d.amount, at: d.at, eventId: event.id }), paid_at: d.at, batch_id: batchId, item_id: itemId,
      }, {
        batch_id: sql`coalesce(ledger_earning_evidence.batch_id, excluded.batch_id)`,
        item_id: sql`coalesce(ledger_earning_evidence.item_id, excluded.item_id)`,
      });
    }
    case 'PayoutItemPosted': {
      const d = event.data as unknown as PayoutItemPostedData;
      const posted = JSON.stringify({ batchId: d.batchId, itemId: d.itemId, providerRef: d.providerRef ?? null, at: d.at, eventId: event.id });
      for (const earningId of d.earningIds) {
        await trx
          .insertInto('ledger_earning_evidence')
          .values({ org, earning_id: earningId, posted })
          .onConflict((oc) => oc.columns(['org', 'earning_id']).doUpdateSet({ posted: sql`excluded.posted` }))
          .execute();
      }
      return;
    }
    case 'OrderRecorded': {
      const d = event.data as unknown as OrderRecorded;
      const conversion = { orderId: d.orderId, sourceRef: d.sourceRef, occurredAt: d.occurredAt, channel: d.channel, customerRef: d.customerRef, eventId: event.id };
      return orderFact(trx, org, d.orderId, 'conversion', JSON.stringify(conversion));
    }
    case 'ConversionAttributed': {
      const d = event.data as unknown as ConversionAttributed;
      const attribution = {
        eventId: event.id, campaignId: d.campaignId, influencerId: d.influencerId, rulesVersion: d.rulesVersion, ...d.basis,
        assisted: d.assisted, commissionBase: d.commissionBase,
      };
      return orderFact(trx, org, d.orderId, 'attribution', JSON.stringify(attribution));
    }
    case 'FraudCheckCompleted': {
      const d = event.data as unknown as FraudCheckCompletedData;
      const check = JSON.stringify({ eventId: event.id, influencerId: d.influencerId, rulesRun: d.rulesRun, result: d.result, flagIds: d.flagIds, at: d.at });
      const [commit, prepare] = positionOf(event);
      await trx
        .insertInto('ledger_evidence_order')
        .values({ org, order_id: d.orderId, fraud_check: check, fraud_commit_position: commit, fraud_prepare_position: prepare })
        .onConflict((oc) =>
          oc.columns(['org', 'order_id'])
            .doUpdateSet({ fraud_check: sql`excluded.fraud_check`, fraud_commit_position: sql`excluded.fraud_commit_position`, fraud_prepare_position: sql`excluded.fraud_prepare_position` })
            // The latest check stands (a re-run after new rules); an older one replayed changes nothing.
            .where(sql<boolean>`ledger_evidence_order.fraud_commit_position IS NULL
              OR (ledger_evidence_order.fraud_commit_position, ledger_evidence_order.fraud_prepare_position) < (excluded.fraud_commit_position, excluded.fraud_prepare_position)`),
        )
        .execute();
      return;
    }
    case 'PayoutBatchApproved': {
      const d = event.data as unknown as PayoutBatchApprovedData;
      const approval = JSON.stringify({ batchId: d.batchId, approvedBy: d.approvedBy, role: d.role, at: d.at, eventId: event.id });
      await trx
        .insertInto('ledger_evidence_batch')
        .values({ org, batch_id: d.batchId, approval })
        .onConflict((oc) => oc.columns(['org', 'batch_id']).doNothing())
        .execute();
      return;
    }
    default:
      return;
  }
}

type EarningColumns = Partial<Record<'order_id' | 'rules_version' | 'influencer_id' | 'campaign_id' | 'accrued' | 'calculation' | 'adjustments' | 'batch_id' | 'item_id' | 'paid' | 'paid_at', string | number | null>>;

/**
 * A fact of the earning's own stream: insert or update the given columns (`merge` overrides how a column
 * combines with the stored one), only if the event is past the row's last earning-stream position.
 */
async function earningFact(trx: Trx, event: RecordedEvent, earningId: string, values: EarningColumns, merge: Record<string, RawBuilder<unknown>> = {}): Promise<void> {
  const [commit, prepare] = positionOf(event);
  const updates: Record<string, RawBuilder<unknown>> = {};
  for (const column of Object.keys(values)) updates[column] = sql`${sql.ref(`excluded.${column}`)}`;
  Object.assign(updates, merge, { last_commit_position: sql`excluded.last_commit_position`, last_prepare_position: sql`excluded.last_prepare_position` });
  await trx
    .insertInto('ledger_earning_evidence')
    .values({ org: event.metadata.org, earning_id: earningId, ...values, last_commit_position: commit, last_prepare_position: prepare } as never)
    .onConflict((oc) =>
      oc.columns(['org', 'earning_id'])
        .doUpdateSet(updates as never)
        .where(sql<boolean>`ledger_earning_evidence.last_commit_position IS NULL
          OR (ledger_earning_evidence.last_commit_position, ledger_earning_evidence.last_prepare_position) < (excluded.last_commit_position, excluded.last_prepare_position)`),
    )
    .execute();
}

/** The order's conversion or attribution: one per order, the first one stands. */
async function orderFact(trx: Trx, org: string, orderId: string, column: 'conversion' | 'attribution', value: string): Promise<void> {
  await trx
    .insertInto('ledger_evidence_order')
    .values({ org, order_id: orderId, [column]: value })
    .onConflict((oc) => oc.columns(['org', 'order_id']).doUpdateSet({ [column]: sql`coalesce(${sql.ref(`ledger_evidence_order.${column}`)}, ${sql.ref(`excluded.${column}`)})` }))
    .execute();
}

function positionOf(event: RecordedEvent): [string, string] {
  return [event.position.commit.toString(), event.position.prepare.toString()];
}
