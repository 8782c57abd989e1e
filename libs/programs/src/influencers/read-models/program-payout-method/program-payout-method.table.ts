import type { PayoutDestination } from '@ledger/contracts';
import type { AppliedEventColumns, Json, Timestamp } from '../../../shared/columns';

// program_payout_method: the current payout destination per influencer. Migration 2026-12-02T10-00-payouts.
export interface ProgramPayoutMethodTable extends AppliedEventColumns {
  org: string;
  influencer_id: string;
  method: string;
  destination: Json<PayoutDestination>;
  set_at: Timestamp;
}

export interface ProgramPayoutMethodPartialDB {
  program_payout_method: ProgramPayoutMethodTable;
}
