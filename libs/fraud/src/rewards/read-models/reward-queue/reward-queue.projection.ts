import { sql, type Selectable, type Transaction } from 'kysely';
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
    // Candidates are read once per batch and written back in multi-row upserts: a batch's transaction stays
    // short, and an open transaction holds back every $all reader of the cluster (ARCHITECTURE rule 4).
    const candidates = new CandidateBatch(trx);
    await candidates.preload(events);
    for (const event of events) await applyEvent(trx, candidates, event);
    await candidates.flush();
  },
};

async function applyEvent(trx: Trx, candidates: CandidateBatch, event: RecordedEvent): Promise<void> {
  const org = event.metadata.org;
  const data = event.data as Record<string, any>;
  switch (event.type) {
    case 'OrderRecorded': {
      const order = data as OrderRecorded;
      candidates.patchOrder(org, order.orderId, { customer_ref: order.customerRef, order_occurred_at: order.occurredAt });
      return;
    }
    case 'ConversionAttributed': {
      const c = data as ConversionAttributed;
      candidates.patchOrder(org, c.orderId, { basis: JSON.stringify({ campaignId: c.campaignId, influencerId: c.influencerId, rulesVersion: c.rulesVersion, ...c.basis }) });
      return;
    }
    case 'FraudCheckCompleted': {
      const check = data as FraudCheckCompleted;
      candidates.patchOrder(org, check.orderId, { fraud_check: JSON.stringify({ result: check.result, rulesRun: check.rulesRun, flagIds: check.flagIds, at: check.at }) });
      return;
    }
    case 'EarningAccrued':
      return candidates.insert(org, data as EarningAccrued, event);
    case 'HoldPlaced':
      return candidates.mutate(org, (data as HoldPlaced).earningId, event, (row) => ({ ...row, earning_state: 'held', hold_kind: (data as HoldPlaced).kind }));
    case 'HoldReleased':
      return candidates.mutate(org, data.earningId, event, (row) => ({ ...row, earning_state: 'payable', hold_kind: null }));
    case 'EarningClawedBack': {
      const clawback = data as EarningClawedBack;
      return candidates.mutate(org, clawback.earningId, event, (row) => ({
        ...row,
        clawed_back_minor: clawback.cumulative,
        earning_state: clawback.cumulative >= row.amount_minor && row.earning_state !== 'paid' ? 'clawed_back' : row.earning_state,
      }));
    }
    case 'EarningPaid': {
      const paid = data as EarningPaid;
      return candidates.mutate(org, paid.earningId, event, (row) => ({ ...row, earning_state: 'paid', paid_minor: row.paid_minor + paid.amount.amount, payout_id: paid.payoutId, paid_at: new Date(paid.at) }));
    }
    case 'EarningPaymentReturned': {
      const returned = data as EarningPaymentReturned;
      return candidates.mutate(org, returned.earningId, event, (row) => {
        const paidMinor = row.paid_minor - returned.amount.amount;
        // As the ledger has it: still paid while another payment stands, else owed again (or nothing left at all).
        const state = paidMinor !== 0 ? 'paid' : row.clawed_back_minor >= row.amount_minor ? 'clawed_back' : 'payable';
        return { ...row, earning_state: state, paid_minor: paidMinor, payout_id: null, paid_at: null, batch_id: null, approval: null };
      });
    }
    case 'EarningAdjusted': {
      const adjusted = data as EarningAdjusted;
      return candidates.mutate(org, adjusted.earningId, event, (row) => ({ ...row, amount_minor: adjusted.amount.amount }));
    }
    case 'EarningFinalized': {
      const finalized = data as EarningFinalized;
      const batch = await trx.selectFrom('reward_batch').select('approval').where('org', '=', org).where('batch_id', '=', finalized.batchId).executeTakeFirst();
      return candidates.mutate(org, finalized.earningId, event, (row) => ({ ...row, batch_id: finalized.batchId, approval: batch?.approval ?? null }));
    }
    case 'EarningUnfinalized':
      return candidates.mutate(org, (data as EarningUnfinalized).earningId, event, (row) => ({ ...row, batch_id: null, approval: null }));
    case 'PayoutBatchApproved': {
      const approved = data as PayoutBatchApproved;
      const approval: RewardApproval = { batchId: approved.batchId, approvedBy: approved.approvedBy, role: approved.role, approvedAt: approved.at };
      await trx
        .insertInto('reward_batch')
        .values({ org, batch_id: approved.batchId, approval: JSON.stringify(approval) })
        .onConflict((oc) => oc.columns(['org', 'batch_id']).doUpdateSet({ approval: JSON.stringify(approval) }))
        .execute();
      for (const earningId of await candidates.inBatch(org, approved.batchId)) {
        await candidates.mutate(org, earningId, event, (row) => (row.batch_id === approved.batchId ? { ...row, approval } : row));
      }
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
        await candidates.mutate(org, earningId, event, (row) => ({ ...row, flag_ids: withItem(row.flag_ids, flag.flagId), open_flag_ids: withItem(row.open_flag_ids, flag.flagId) }));
      }
      return;
    }
    case 'FraudFlagReviewed': {
      const review = data as FraudFlagReviewed;
      const flag = await trx.selectFrom('reward_flag').select('earning_ids').where('org', '=', org).where('flag_id', '=', review.flagId).executeTakeFirst();
      for (const earningId of flag?.earning_ids ?? []) {
        await candidates.mutate(org, earningId, event, (row) => ({ ...row, open_flag_ids: row.open_flag_ids.filter((id) => id !== review.flagId) }));
      }
      return;
    }
    default:
      if (event.type in DISPUTE_STATE_AFTER) return applyDispute(trx, candidates, org, event);
  }
}

/** Disputes on an earning (subject kind `earning`) show on its candidate; other subjects are not rewards. */
async function applyDispute(trx: Trx, candidates: CandidateBatch, org: string, event: RecordedEvent): Promise<void> {
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
  await candidates.mutate(org, earningId, event, (row) => ({ ...row, dispute: { disputeId, state } }));
}

function withItem(list: string[], item: string): string[] {
  return list.includes(item) ? list : [...list, item];
}

/** One batch's candidates: read once (by the earnings its events name), changed in memory, written back together. */
class CandidateBatch {
  private readonly rows = new Map<string, Row | null>();
  private readonly dirty = new Set<string>();
  private readonly orders = new Map<string, OrderPatch>();

  constructor(private readonly trx: Trx) {}

  async preload(events: readonly RecordedEvent[]): Promise<void> {
    const byOrg = new Map<string, Set<string>>();
    for (const event of events) {
      const data = event.data as { earningId?: unknown; earningIds?: unknown };
      const ids = [data.earningId, ...(Array.isArray(data.earningIds) ? data.earningIds : [])].filter((id): id is string => typeof id === 'string');
      const set = byOrg.get(event.metadata.org) ?? new Set<string>();
      for (const id of ids) set.add(id);
      byOrg.set(event.metadata.org, set);
    }
    for (const [org, ids] of byOrg) await this.load(org, [...ids]);
  }

  /** Earnings locked to `batchId`: as stored, plus this batch's changes (a lock or unlock not yet written). */
  async inBatch(org: string, batchId: string): Promise<string[]> {
    const stored = await this.trx.selectFrom('reward_candidate').select('earning_id').where('org', '=', org).where('batch_id', '=', batchId)
      .limit(LIMITS.eventStore.appendBatchEvents).execute();
    await this.load(org, stored.map((r) => r.earning_id));
    const ids: string[] = [];
    for (const [key, row] of this.rows) if (row !== null && row.org === org && row.batch_id === batchId) ids.push(key.slice(org.length + 1));
    return ids;
  }

  /** A new candidate for an accrued earning; one already there stays (replay). */
  async insert(org: string, accrued: EarningAccrued, event: RecordedEvent): Promise<void> {
    const key = keyOf(org, accrued.earningId);
    await this.load(org, [accrued.earningId]);
    if (this.rows.get(key)) return;
    this.rows.set(key, {
      org, earning_id: accrued.earningId, influencer_id: accrued.influencerId, campaign_id: accrued.campaignId, order_id: accrued.orderId,
      level: accrued.level, channel: accrued.channel, currency: accrued.amount.currency, amount_minor: accrued.amount.amount,
      clawed_back_minor: 0, paid_minor: 0, earning_state: 'pending', hold_kind: null, source_ref: accrued.sourceRef, rules_version: accrued.rulesVersion,
      flag_ids: [], open_flag_ids: [], dispute: null, batch_id: null, approval: null, payout_id: null, paid_at: null, status: 'held',
      occurred_at: new Date(accrued.occurredAt), last_commit_position: event.position.commit.toString(), last_prepare_position: event.position.prepare.toString(),
    } as Row);
    this.dirty.add(key);
  }

  /** Applies `change` unless the row has seen this event already, and recomputes its status. */
  async mutate(org: string, earningId: string, event: RecordedEvent, change: (row: Row) => Row): Promise<void> {
    const key = keyOf(org, earningId);
    await this.load(org, [earningId]);
    const row = this.rows.get(key);
    if (!row) return; // an earning of a kind the queue does not list (none today): nothing to show
    const seen = { commit: BigInt(row.last_commit_position), prepare: BigInt(row.last_prepare_position) };
    if (comparePositions(event.position, seen) <= 0) return;
    const next = change(row);
    this.rows.set(key, {
      ...next, amount_minor: Number(next.amount_minor), clawed_back_minor: Number(next.clawed_back_minor), paid_minor: Number(next.paid_minor),
      status: statusOfRow(next), last_commit_position: event.position.commit.toString(), last_prepare_position: event.position.prepare.toString(),
    });
    this.dirty.add(key);
  }

  /** What an order event says of the order (later events of the batch win per column); written by flush. */
  patchOrder(org: string, orderId: string, patch: Partial<Omit<OrderPatch, 'org' | 'order_id'>>): void {
    const key = keyOf(org, orderId);
    this.orders.set(key, { ...(this.orders.get(key) ?? { org, order_id: orderId, customer_ref: null, order_occurred_at: null, basis: null, fraud_check: null }), ...patch });
  }

  async flush(): Promise<void> {
    const orders = [...this.orders.values()];
    for (let i = 0; i < orders.length; i += FLUSH_ROWS) {
      // A column this batch did not learn keeps what an earlier batch stored (patches never clear a column).
      await this.trx
        .insertInto('reward_order')
        .values(orders.slice(i, i + FLUSH_ROWS) as never)
        .onConflict((oc) => oc.columns(['org', 'order_id']).doUpdateSet({
          customer_ref: sql`coalesce(excluded.customer_ref, reward_order.customer_ref)`,
          order_occurred_at: sql`coalesce(excluded.order_occurred_at, reward_order.order_occurred_at)`,
          basis: sql`coalesce(excluded.basis, reward_order.basis)`,
          fraud_check: sql`coalesce(excluded.fraud_check, reward_order.fraud_check)`,
        } as never))
        .execute();
    }
    this.orders.clear();
    const rows = [...this.dirty].map((key) => this.rows.get(key)!).filter((row): row is Row => row !== null);
    for (let i = 0; i < rows.length; i += FLUSH_ROWS) {
      const values = rows.slice(i, i + FLUSH_ROWS).map((row) => ({
        ...row,
        amount_minor: String(row.amount_minor) as never, clawed_back_minor: String(row.clawed_back_minor) as never, paid_minor: String(row.paid_minor) as never,
        flag_ids: JSON.stringify(row.flag_ids), open_flag_ids: JSON.stringify(row.open_flag_ids),
        dispute: row.dispute === null ? null : JSON.stringify(row.dispute), approval: row.approval === null ? null : JSON.stringify(row.approval),
        paid_at: row.paid_at === null ? null : new Date(row.paid_at).toISOString(), occurred_at: new Date(row.occurred_at).toISOString(),
      }));
      await this.trx
        .insertInto('reward_candidate')
        .values(values as never)
        .onConflict((oc) => oc.columns(['org', 'earning_id']).doUpdateSet((eb) => Object.fromEntries(MUTABLE_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])) as never))
        .execute();
    }
    this.dirty.clear();
  }

  private async load(org: string, earningIds: readonly string[]): Promise<void> {
    const missing = earningIds.filter((id) => !this.rows.has(keyOf(org, id)));
    for (let i = 0; i < missing.length; i += FLUSH_ROWS) {
      const chunk = missing.slice(i, i + FLUSH_ROWS);
      const found = await this.trx.selectFrom('reward_candidate').selectAll().where('org', '=', org).where('earning_id', 'in', chunk).execute();
      for (const id of chunk) this.rows.set(keyOf(org, id), null);
      for (const row of found) {
        this.rows.set(keyOf(org, row.earning_id), { ...row, amount_minor: Number(row.amount_minor), clawed_back_minor: Number(row.clawed_back_minor), paid_minor: Number(row.paid_minor) });
      }
    }
  }
}

interface OrderPatch { org: string; order_id: string; customer_ref: string | null; order_occurred_at: string | null; basis: string | null; fraud_check: string | null }

/** Rows per multi-row statement (26 columns each: well under PostgreSQL's 65,535 parameters). */
const FLUSH_ROWS = 500;
const MUTABLE_COLUMNS = [
  'amount_minor', 'clawed_back_minor', 'paid_minor', 'earning_state', 'hold_kind', 'flag_ids', 'open_flag_ids', 'dispute', 'batch_id', 'approval',
  'payout_id', 'paid_at', 'status', 'last_commit_position', 'last_prepare_position',
] as const;

function keyOf(org: string, earningId: string): string {
  return `${org}\u0000${earningId}`;
}
