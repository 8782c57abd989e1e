import type { ColumnType } from 'kysely';

// ledger_fraud_check: the fraud check of each attributed order, the earning's `fraudCheck` evidence (earning/get).
// Migration 2026-12-02T10-50-fraud.
export interface LedgerFraudCheckTable {
  org: string;
  order_id: string;
  result: 'clear' | 'flagged';
  rules_run: ColumnType<string[], string, string>;
  flag_ids: ColumnType<string[], string, string>;
  event_id: string;
  checked_at: ColumnType<Date, string, string>;
}

export interface LedgerFraudCheckPartialDB {
  ledger_fraud_check: LedgerFraudCheckTable;
}
