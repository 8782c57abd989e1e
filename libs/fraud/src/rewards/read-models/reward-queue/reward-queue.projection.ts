import type { Selectable, Transaction } from 'kysely';
import type {
  ConversionAttributed,
  DisputeOpened,
  DomainEvent,
  EarningAccrued,
  EarningAdjusted,
  EarningClawedBack,
  EarningFinalized,
  EarningPaid,
  EarningPaymentReturned,
  EarningUnfinalized,
  EventType,
  FraudCheckCompleted,
  FraudFlagRaised,
  FraudFlagReviewed,
  HoldPlaced,
  OrderRecorded,
  PayoutBatchApproved,
} from '@ledger/contracts';
import { comparePositions, type RecordedEvent } from '@ledger/event-store';
import { LIMITS } from '@ledger/kernel';
import { DISPUTE_STATE_AFTER, PAYOUT_EVENT_TYPES } from './foreign-events';
import { statusOfRow } from './reward-status';
import type { RewardApproval, RewardCandidateTable, RewardQueuePartialDB } from './reward-queue.table';

type Trx = Transaction<RewardQueuePartialDB>;
type Row = Selectable<RewardCandidateTable>;
type DisputeEventData = DomainEvent<'DisputeOpened' | 'DisputeReviewStarted' | 'DisputeResolved' | 'DisputeRejected' | 'DisputeWithdrawn'>['data'];

/**
 * reward_candidate (seed 004's reward queue): one row per earning, with the referred customer and the
 * attribution basis of its order, its fraud check and flags, dispute, payout approval and payment.
 * Replay-safe: a row changes only for an event past the row's last position, side tables are upserts of
 * the same values, and every status is recomputed from the row's facts (never incremented).
 */
export const rewardQueueProjection = {
  name: 'reward_queue',
  tables: ['reward_candidate', 'reward_order', 'reward_flag', 'reward_dispute', 'reward_batch'],
  filter: {
    streamPrefixes: ['order-', 'conversion-', 'earning-', 'fraud-', 'fraudcheck-', 'payout-', 'dispute-'],
    eventTypes: [
      'OrderRecorded',
      'ConversionAttributed',
      'EarningAccrued',
      'HoldPlaced',
      'HoldReleased',
      'EarningClawedBack',
      'EarningPaid',
      'FraudCheckCompleted',
      'FraudFlagRaised',
      'FraudFlagReviewed',
      ...PAYOUT_EVENT_TYPES,
      ...Object.keys(DISPUTE_STATE_AFTER),
    ],
  },
  async apply(trx: Trx, events: RecordedEvent[]): Promise<void> {
    for (const event of events) await applyEvent(trx, event);
  },
};

async function applyEvent(trx: Trx, event: RecordedEvent): Promise<void> {
  const org = event.metadata.org;
  const data = event.data as Record<string, any>;
  switch (event.type) {
    case 'OrderRecorded': {
      const order = data as OrderRecorded;
      await upsertOrder(trx, org, order.orderId, { customer_ref: order.customerRef, order_occurred_at: order.occurredAt });
      return;
    }
    case 'ConversionAttributed': {
      const c = data as ConversionAttributed;
      await upsertOrder(trx, org, c.orderId, { basis: JSON.stringify({ campaignId: c.campaignId, influencerId: c.influencerId, rulesVersion: c.rulesVersion, ...c.basis }) });
      return;
    }
    case 'FraudCheckCompleted': {
      const check = data as FraudCheckCompleted;
      await upsertOrder(trx, org, check.orderId, { fraud_check: JSON.stringify({ result: check.result, rulesRun: check.rulesRun, flagIds: check.flagIds, at: check.at }) });
      return;
    }
    case 'EarningAccrued':
      return insertCandidate(trx, org, data as EarningAccrued, event);
    case 'HoldPlaced':
      return mutate(trx, org, (data as HoldPlaced).earningId, event, (row) => ({ ...row, earning_state: 'held', hold_kind: (data as HoldPlaced).kind }));
    case 'HoldReleased':
      return mutate(trx, org, data.earningId, event, (row) => ({ ...row, earning_state: 'payable', hold_kind: null }));
    case 'EarningClawedBack': {
      const clawback = data as EarningClawedBack;
      return mutate(trx, org, clawback.earningId, event, (row) => ({
        ...row,
        clawed_back_minor: clawback.cumulative,
        earning_state: clawback.cumulative >= row.amount_minor && row.earning_state !== 'paid' ? 'clawed_back' : row.earning_state,
      }));
    }
    case 'EarningPaid': {
      const paid = data as EarningPaid;
      return mutate(trx, org, paid.earningId, event, (row) => ({ ...row, earning_state: 'paid', paid_minor: row.paid_minor + paid.amount.amount, payout_id: paid.payoutId, paid_at: new Date(paid.at) }));
    }
    case 'EarningPaymentReturned': {
      const returned = data as EarningPaymentReturned;
      return mutate(trx, org, returned.earningId, event, (row) => {
        const paidMinor = row.paid_minor - returned.amount.amount;
        // As the ledger has it: still paid while another payment stands, else owed again (or nothing left at all).
        const state = paidMinor !== 0 ? 'paid' : row.clawed_back_minor >= row.amount_minor ? 'clawed_back' : 'payable';
        return { ...row, earning_state: state, paid_minor: paidMinor, payout_id: null, paid_at: null, batch_id: null, approval: null };
      });
    }
    case 'EarningAdjusted': {
      const adjusted = data as EarningAdjusted;
      return mutate(trx, org, adjusted.earningId, event, (row) => ({ ...row, amount_minor: adjusted.amount.amount }));
    }
    case 'EarningFinalized': {
      const finalized = data as EarningFinalized;
      const batch = await trx.selectFrom('reward_batch').select('approval').where('org', '=', org).where('batch_id', '=', finalized.batchId).executeTakeFirst();
      return mutate(trx, org, finalized.earningId, event, (row) => ({ ...row, batch_id: finalized.batchId, approval: batch?.approval ?? null }));
    }
    case 'EarningUnfinalized':
      return mutate(trx, org, (data as EarningUnfinalized).earningId, event, (row) => ({ ...row, batch_id: null, approval: null }));
    case 'PayoutBatchApproved': {
      const approved = data as PayoutBatchApproved;
      const approval: RewardApproval = { batchId: approved.batchId, approvedBy: approved.approvedBy, role: approved.role, approvedAt: approved.at };
      await trx
        .insertInto('reward_batch')
        .values({ org, batch_id: approved.batchId, approval: JSON.stringify(approval) })
        .onConflict((oc) => oc.columns(['org', 'batch_id']).doUpdateSet({ approval: JSON.stringify(approval) }))
        .execute();
      const rows = await trx.selectFrom('reward_candidate').select('earning_id').where('org', '=', org).where('batch_id', '=', approved.batchId).limit(LIMITS.eventStore.appendBatchEvents).execute();
      for (const { earning_id } of rows) await mutate(trx, org, earning_id, event, (row) => ({ ...row, approval }));
      return;
    }
    case 'FraudFlagRaised': {
      const flag = data as FraudFlagRaised;
      await trx
        .insertInto('reward_flag')
        .values({ org, flag_id: flag.flagId, earning_ids: JSON.stringify(flag.earningIds) })
        .onConflict((oc) => oc.columns(['org', 'flag_id']).doNothing())
        .execute();
      for (const earningId of flag.earningIds) {
        await mutate(trx, org, earningId, event, (row) => ({ ...row, flag_ids: withItem(row.flag_ids, flag.flagId), open_flag_ids: withItem(row.open_flag_ids, flag.flagId) }));
      }
      return;
    }
    case 'FraudFlagReviewed': {
      const review = data as FraudFlagReviewed;
      const flag = await trx.selectFrom('reward_flag').select('earning_ids').where('org', '=', org).where('flag_id', '=', review.flagId).executeTakeFirst();
      for (const earningId of flag?.earning_ids ?? []) {
        await mutate(trx, org, earningId, event, (row) => ({ ...row, open_flag_ids: row.open_flag_ids.filter((id) => id !== review.flagId) }));
      }
      return;
    }
    default:
      if (event.type in DISPUTE_STATE_AFTER) return applyDispute(trx, org, event);
  }
}

/** Disputes on an earning (subject kind `earning`) show on its candidate; other subjects are not rewards. */
async function applyDispute(trx: Trx, org: string, event: RecordedEvent): Promise<void> {
  const state = DISPUTE_STATE_AFTER[event.type as EventType]!;
  let earningId: string | undefined;
  if (event.type === 'DisputeOpened') {
    const opened = event.data as unknown as DisputeOpened;
    if (opened.subject.kind !== 'earning') return;
    earningId = opened.subject.id;
    await trx.insertInto('reward_dispute').values({ org, dispute_id: opened.disputeId, earning_id: earningId }).onConflict((oc) => oc.columns(['org', 'dispute_id']).doNothing()).execute();
  } else {
    const { disputeId } = event.data as unknown as DisputeEventData;
    earningId = (await trx.selectFrom('reward_dispute').select('earning_id').where('org', '=', org).where('dispute_id', '=', disputeId).executeTakeFirst())?.earning_id;
  }
  if (earningId === undefined) return;
  const disputeId = (event.data as unknown as DisputeEventData).disputeId;
  await mutate(trx, org, earningId, event, (row) => ({ ...row, dispute: { disputeId, state } }));
}

async function insertCandidate(trx: Trx, org: string, accrued: EarningAccrued, event: RecordedEvent): Promise<void> {
  await trx
    .insertInto('reward_candidate')
    .values({
      org,
      earning_id: accrued.earningId,
      influencer_id: accrued.influencerId,
      campaign_id: accrued.campaignId,
      order_id: accrued.orderId,
      level: accrued.level,
      channel: accrued.channel,
      currency: accrued.amount.currency,
      amount_minor: String(accrued.amount.amount) as never,
      clawed_back_minor: '0' as never,
      paid_minor: '0' as never,
      earning_state: 'pending',
      hold_kind: null,
      source_ref: accrued.sourceRef,
      rules_version: accrued.rulesVersion,
      flag_ids: '[]',
      open_flag_ids: '[]',
      dispute: null,
      batch_id: null,
      approval: null,
      payout_id: null,
      paid_at: null,
      status: 'held',
      occurred_at: accrued.occurredAt,
      last_commit_position: event.position.commit.toString(),
      last_prepare_position: event.position.prepare.toString(),
    })
    .onConflict((oc) => oc.columns(['org', 'earning_id']).doNothing())
    .execute();
}

/** Loads the candidate, applies `change` unless the row has seen this event already, recomputes its status, writes it back. */
async function mutate(trx: Trx, org: string, earningId: string, event: RecordedEvent, change: (row: Row) => Row): Promise<void> {
  const row = await trx.selectFrom('reward_candidate').selectAll().where('org', '=', org).where('earning_id', '=', earningId).executeTakeFirst();
  if (row === undefined) return; // an earning of a kind the queue does not list (none today): nothing to show
  const seen = { commit: BigInt(row.last_commit_position), prepare: BigInt(row.last_prepare_position) };
  if (comparePositions(event.position, seen) <= 0) return;
  const next = change(row);
  await trx
    .updateTable('reward_candidate')
    .set({
      amount_minor: String(next.amount_minor) as never,
      clawed_back_minor: String(next.clawed_back_minor) as never,
      paid_minor: String(next.paid_minor) as never,
      earning_state: next.earning_state,
      hold_kind: next.hold_kind,
      flag_ids: JSON.stringify(next.flag_ids),
      open_flag_ids: JSON.stringify(next.open_flag_ids),
      dispute: next.dispute === null ? null : JSON.stringify(next.dispute),
      batch_id: next.batch_id,
      approval: next.approval === null ? null : JSON.stringify(next.approval),
      payout_id: next.payout_id,
      paid_at: next.paid_at === null ? null : new Date(next.paid_at).toISOString(),
      status: statusOfRow(next),
      last_commit_position: event.position.commit.toString(),
      last_prepare_position: event.position.prepare.toString(),
    })
    .where('org', '=', org)
    .where('earning_id', '=', earningId)
    .execute();
}

async function upsertOrder(trx: Trx, org: string, orderId: string, values: { customer_ref?: string; order_occurred_at?: string; basis?: string; fraud_check?: string }): Promise<void> {
  await trx
    .insertInto('reward_order')
    .values({ org, order_id: orderId, customer_ref: null, order_occurred_at: null, basis: null, fraud_check: null, ...values })
    .onConflict((oc) => oc.columns(['org', 'order_id']).doUpdateSet(values))
    .execute();
}

function withItem(list: string[], item: string): string[] {
  return list.includes(item) ? list : [...list, item];
}
