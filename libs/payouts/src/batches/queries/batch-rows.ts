// payout_batch + payout_item rows → the batch answer (the same shape the commands answer with).
import type { Kysely, Selectable } from 'kysely';
import { LIMITS, NotFound } from '@ledger/kernel';
import type { BatchStatus, ItemState } from '../../domain';
import type { PayoutBatchAnswer } from '../batch-view';
import type { PayoutBatchTable, PayoutItemTable, PayoutPartialDB } from '../read-models/payout-batch/payout-batch.table';

export async function batchFromReadModel(db: Kysely<PayoutPartialDB>, org: string, batchId: string): Promise<{ batch: Selectable<PayoutBatchTable>; items: Selectable<PayoutItemTable>[] }> {
  const batch = await db.selectFrom('payout_batch').selectAll().where('org', '=', org).where('batch_id', '=', batchId).executeTakeFirst();
  if (batch === undefined) throw new NotFound('PAYOUT.BATCH_NOT_FOUND', `Payout batch ${batchId} does not exist.`);
  const items = await db.selectFrom('payout_item').selectAll().where('org', '=', org).where('batch_id', '=', batchId).orderBy('seq').limit(LIMITS.payouts.itemsPerBatch).execute();
  return { batch, items };
}

export function answerOf(batch: Selectable<PayoutBatchTable>, items: Selectable<PayoutItemTable>[]): PayoutBatchAnswer {
  const money = (amount: number | string) => ({ amount: Number(amount), currency: batch.currency });
  return {
    id: batch.batch_id,
    batchId: batch.batch_id,
    state: batch.state as BatchStatus,
    currency: batch.currency,
    asOf: iso(batch.as_of),
    createdBy: batch.created_by,
    createdAt: iso(batch.created_at),
    approvedBy: batch.approved_by,
    approvedAt: batch.approved_at === null ? null : iso(batch.approved_at),
    cancelReason: batch.cancel_reason,
    total: money(batch.total_minor),
    items: items.map((item) => ({
      itemId: item.item_id,
      influencerId: item.influencer_id,
      gross: money(item.gross_minor),
      recovered: money(item.recovered_minor),
      amount: money(item.amount_minor),
      earningIds: item.earnings.map((e) => e.earningId),
      state: item.state as ItemState,
      method: item.destination.method,
      attempts: item.attempts,
      providerRef: item.provider_ref,
      failureCode: item.failure_code,
      failureMessage: item.failure_message,
      reasonCode: item.reason_code,
    })),
    skipped: batch.skipped,
    skippedCount: batch.skipped_count,
  };
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
