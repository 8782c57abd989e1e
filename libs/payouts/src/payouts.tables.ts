import type { PayoutPartialDB } from './batches/read-models/payout-batch/payout-batch.table';
import type { PayoutSandboxPartialDB } from './providers/sandbox-transfer.table';

/** Every payouts table: the read models and the sandbox provider's book. */
export type PayoutsTables = PayoutPartialDB & PayoutSandboxPartialDB;
