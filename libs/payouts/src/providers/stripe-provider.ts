// stripe_connect: one Stripe transfer per payout item to the influencer's connected account, with the item's
// idempotency key passed to Stripe (which replays the first answer for a key it has seen). STRIPE_API_BASE points
// the client's host/port/protocol at a local fake in tests. No client-side network retries: our retry is the
// item's retry, with the same key.
import Stripe from 'stripe';
import type { PayoutProvider, SendResult, Transfer } from './payout-provider.port';

export interface StripeSettings {
  secretKey: string;
  apiBase: string | null;
  timeoutMs: number;
}

export function stripeClient(settings: StripeSettings): Stripe {
  const base = settings.apiBase === null ? null : new URL(settings.apiBase);
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 0,
    timeout: settings.timeoutMs,
    telemetry: false,
    ...(base === null
      ? {}
      : { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' }),
  });
}

export class StripePayoutProvider implements PayoutProvider {
  constructor(private readonly stripe: Stripe) {}

  async send(transfer: Transfer): Promise<SendResult> {
    if (transfer.destination.method !== 'stripe_connect') return { outcome: 'failed', failureCode: 'wrong_destination', failureMessage: 'stripe_connect needs a connected account id' };
    try {
      const made = await this.stripe.transfers.create(
        {
          amount: transfer.amount,
          currency: transfer.currency.toLowerCase(),
          destination: transfer.destination.accountId,
          transfer_group: transfer.batchId,
          metadata: { org: transfer.org, batchId: transfer.batchId, itemId: transfer.itemId, influencerId: transfer.influencerId },
        },
        { idempotencyKey: transfer.idempotencyKey },
      );
      return { outcome: 'posted', providerRef: made.id };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeConnectionError) {
        // No answer: Stripe may have made the transfer. A retry with the same key tells.
        return { outcome: 'failed', failureCode: 'provider_timeout', failureMessage: 'Stripe did not answer in time; retry the item (same idempotency key)' };
      }
      if (error instanceof Stripe.errors.StripeError) {
        return { outcome: 'failed', failureCode: error.code ?? error.type, failureMessage: error.message.slice(0, 500) };
      }
      throw error;
    }
  }
}
