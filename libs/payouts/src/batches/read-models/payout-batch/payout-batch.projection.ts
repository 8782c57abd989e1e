import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assert, assertNever } from '@ledger/kernel';
import type { Projection } from '@ledger/projections';
import { PAYOUT_BATCH_EVENT_TYPES, statusFromItems, type ItemState, type PayoutBatchEvent } from '../../../domain';
import type { PayoutPartialDB } from './payout-batch.table';

/**
 * payout_batch + payout_item from the payout streams. Replay-safe: the batch row remembers the stream revision
 * it applied last and an event at or below it changes nothing; the shown state is recomputed from the items
 * after every event (never incremented).
 */
export const payoutBatchProjection: Projection<PayoutPartialDB> = {
  name: 'payout_batch',
  tables: ['payout_batch', 'payout_item'],
  filter: { streamPrefixes: ['payout-'], eventTypes: [...PAYOUT_BATCH_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

async function applyEvent(trx: Transaction<PayoutPartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as PayoutBatchEvent;
  const org = recorded.metadata.org;
  const batchId = event.data.batchId;
  const revision = recorded.revision.toString();
  if (event.type === 'PayoutBatchCreated') {
    const d = event.data;
    const inserted = await trx
      .insertInto('payout_batch')
      .values({
        org, batch_id: batchId, currency: d.currency, as_of: d.asOf, created_by: d.createdBy, created_at: d.at, phase: 'scheduled', state: 'scheduled',
        approved_by: null, approved_role: null, approved_at: null, cancel_reason: null,
        total_minor: d.items.reduce((sum, item) => sum + item.amount.amount, 0), items: d.items.length,
        skipped: JSON.stringify(d.skipped), skipped_count: d.skippedCount, last_revision: revision,
      })
      .onConflict((oc) => oc.columns(['org', 'batch_id']).doNothing())
      .returning('batch_id')
      .executeTakeFirst();
    if (inserted === undefined) return; // a replay
    if (d.items.length === 0) return;
    await trx
      .insertInto('payout_item')
      .values(d.items.map((item, seq) => ({
        org, batch_id: batchId, item_id: item.itemId, seq, influencer_id: item.influencerId, currency: d.currency, state: 'pending',
        gross_minor: item.gross.amount, recovered_minor: item.recovered.amount, amount_minor: item.amount.amount,
        earnings: JSON.stringify(item.earnings), destination: JSON.stringify(item.destination), attempts: 0,
        provider_ref: null, failure_code: null, failure_message: null, reason_code: null,
      })))
      .onConflict((oc) => oc.columns(['org', 'batch_id', 'item_id']).doNothing())
      .execute();
    return;
  }
  // Claim the revision first: a replayed event finds the row past it and stops here.
  const claimed = await trx
    .updateTable('payout_batch')
    .set({ last_revision: revision })
    .where('org', '=', org)
    .where('batch_id', '=', batchId)
    .where('last_revision', '<', revision as never)
    .executeTakeFirst();
  if (claimed.numUpdatedRows === 0n) {
    const row = await trx.selectFrom('payout_batch').select('last_revision').where('org', '=', org).where('batch_id', '=', batchId).executeTakeFirst();
    assert(row !== undefined, `payout_batch: ${event.type} of ${batchId} before its creation`);
    return;
  }
  const batch = trx.updateTable('payout_batch').where('org', '=', org).where('batch_id', '=', batchId);
  const item = (itemId: string) => trx.updateTable('payout_item').where('org', '=', org).where('batch_id', '=', batchId).where('item_id', '=', itemId);
  switch (event.type) {
    case 'PayoutBatchApproved':
      await batch.set({ phase: 'approved', approved_by: event.data.approvedBy, approved_role: event.data.role, approved_at: event.data.at }).execute();
      break;
    case 'PayoutBatchCancelled':
      await batch.set({ phase: 'cancelled', cancel_reason: event.data.reasonCode }).execute();
      await trx.updateTable('payout_item').set({ state: 'cancelled', reason_code: event.data.reasonCode }).where('org', '=', org).where('batch_id', '=', batchId).execute();
      break;
    case 'PayoutBatchExecutionStarted':
      await batch.set({ phase: 'executing' }).execute();
      break;
    case 'PayoutBatchRetried':
      await trx.updateTable('payout_item').set({ state: 'pending' }).where('org', '=', org).where('batch_id', '=', batchId).where('item_id', 'in', event.data.itemIds).execute();
      break;
    case 'PayoutItemPosted':
      await item(event.data.itemId).set({ state: 'posted', provider_ref: event.data.providerRef, failure_code: null, failure_message: null }).execute();
      break;
    case 'PayoutItemFailed':
      await item(event.data.itemId).set({ state: 'failed', attempts: event.data.attempt, failure_code: event.data.failureCode, failure_message: event.data.failureMessage }).execute();
      break;
    case 'PayoutItemReturned':
      await item(event.data.itemId).set((eb) => ({ state: 'returned', reason_code: event.data.reasonCode, provider_ref: event.data.providerRef ?? eb.ref('provider_ref') })).execute();
      break;
    case 'PayoutItemCancelled':
      await item(event.data.itemId).set({ state: 'cancelled', reason_code: event.data.reasonCode }).execute();
      break;
    default:
      return assertNever(event, `payout_batch received ${recorded.type}`);
  }
  await recomputeState(trx, org, batchId);
}

/** The shown state, recomputed from the phase and the items (the same rule as the decider's statusOf). */
async function recomputeState(trx: Transaction<PayoutPartialDB>, org: string, batchId: string): Promise<void> {
  const row = await trx.selectFrom('payout_batch').select('phase').where('org', '=', org).where('batch_id', '=', batchId).executeTakeFirstOrThrow();
  let state = row.phase;
  if (row.phase === 'executing') {
    const states = await sql<{ state: ItemState }>`select distinct state from payout_item where org = ${org} and batch_id = ${batchId}`.execute(trx);
    state = statusFromItems(states.rows.map((r) => r.state));
  }
  await trx.updateTable('payout_batch').set({ state }).where('org', '=', org).where('batch_id', '=', batchId).execute();
}
