// The provider port: one transfer per payout item, identified by its idempotency key `<batchId>:<itemId>` — the
// same key on every attempt, so a provider that dedupes by key (all three do) makes each transfer once however
// often an item is sent (retries, crashes, concurrent execute calls).
import type { PayoutDestination } from '@ledger/contracts';

export const PAYOUT_PROVIDERS = Symbol('PAYOUT_PROVIDERS');

export interface Transfer {
  org: string;
  idempotencyKey: string;
  batchId: string;
  itemId: string;
  influencerId: string;
  /** Minor units, > 0. */
  amount: number;
  currency: string;
  destination: PayoutDestination;
}

export type SendResult =
  | { outcome: 'posted'; providerRef: string }
  | { outcome: 'failed'; failureCode: string; failureMessage: string }
  /** Nothing is sent now (a bank file): finance reports the outcome with payout/item/report. */
  | { outcome: 'awaiting_report' };

export interface PayoutProvider {
  /** `signal` aborts when the caller stops waiting (its timeout); the provider may still complete the transfer. */
  send(transfer: Transfer, signal: AbortSignal): Promise<SendResult>;
}

export interface PayoutProviders {
  for(method: PayoutDestination['method']): PayoutProvider;
}
