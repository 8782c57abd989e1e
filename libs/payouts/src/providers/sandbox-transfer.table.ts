import type { ColumnType } from 'kysely';

// payout_sandbox_transfer: the sandbox provider's own book (migration 2026-12-02T10-00-payouts), one row per
// idempotency key: attempts seen, and the transfer once made. Not a read model: the provider's state.
export interface PayoutSandboxTransferTable {
  org: string;
  idempotency_key: string;
  account_id: string;
  amount_minor: number;
  currency: string;
  attempts: number;
  transfer_id: string | null;
  created_at: ColumnType<Date, string | undefined, never>;
}

export interface PayoutSandboxPartialDB {
  payout_sandbox_transfer: PayoutSandboxTransferTable;
}
