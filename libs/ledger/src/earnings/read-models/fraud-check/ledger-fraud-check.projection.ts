import type { Transaction } from 'kysely';
import type { FraudCheckCompleted } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerFraudCheckPartialDB } from './ledger-fraud-check.table';

/**
 * ledger_fraud_check from FraudCheckCompleted (published by the fraud context): one row per checked order, so an
 * earning can show its fraud check beside its other evidence. A check completes once per order: insert, do nothing on replay.
 */
export const ledgerFraudCheckProjection = {
  name: 'ledger_fraud_check',
  tables: ['ledger_fraud_check'],
  filter: { streamPrefixes: ['fraudcheck-'], eventTypes: ['FraudCheckCompleted'] },
  async apply(trx: Transaction<LedgerFraudCheckPartialDB>, events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      const check = event.data as unknown as FraudCheckCompleted;
      await trx
        .insertInto('ledger_fraud_check')
        .values({
          org: event.metadata.org,
          order_id: check.orderId,
          result: check.result,
          rules_run: JSON.stringify(check.rulesRun),
          flag_ids: JSON.stringify(check.flagIds),
          event_id: event.id,
          checked_at: check.at,
        })
        .onConflict((oc) => oc.columns(['org', 'order_id']).doNothing())
        .execute();
    }
  },
};
