// A payout batch's stream: payout-<org>.<batchId>. Bounded: one creation, one approval, one cancellation or
// execution start, and per item at most LIMITS.payouts.attemptsPerItem failures and retries, one post, one return,
// one cancellation (LIMITS.payouts.itemsPerBatch items).
import { STREAM_CATEGORIES } from '@ledger/contracts';
import { streamName } from '@ledger/event-store';

export const payoutBatchStream = (org: string, batchId: string): string => streamName(STREAM_CATEGORIES.payout, org, batchId);
