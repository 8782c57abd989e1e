// PAYOUT_PROVIDERS: the provider of each payout method, built from the configuration.
import type { AppConfig } from '@ledger/config';
import { LIMITS, Unavailable } from '@ledger/kernel';
import type { Kysely } from 'kysely';
import type { PayoutDestination } from '@ledger/contracts';
import { BankTransferPayoutProvider } from './bank-transfer-provider';
import type { PayoutProvider, PayoutProviders } from './payout-provider.port';
import { SandboxPayoutProvider } from './sandbox-provider';
import type { PayoutSandboxPartialDB } from './sandbox-transfer.table';
import { StripePayoutProvider, stripeClient } from './stripe-provider';

export function providerTimeoutMs(config: AppConfig): number {
  return config.payouts?.providerTimeoutMs ?? LIMITS.payouts.providerTimeoutMs;
}

export function payoutProviders(config: AppConfig, db: Kysely<PayoutSandboxPartialDB>): PayoutProviders {
  const sandbox = new SandboxPayoutProvider(db);
  const bank = new BankTransferPayoutProvider();
  const secretKey = config.payouts?.stripeSecretKey ?? null;
  const stripe = secretKey === null ? null : new StripePayoutProvider(stripeClient({ secretKey, apiBase: config.payouts.stripeApiBase, timeoutMs: providerTimeoutMs(config) }));
  const notConfigured: PayoutProvider = {
    send: () => Promise.reject(new Unavailable('PAYOUT.STRIPE_NOT_CONFIGURED', 'stripe_connect payouts need STRIPE_SECRET_KEY.')),
  };
  const byMethod: Record<PayoutDestination['method'], PayoutProvider> = { sandbox, bank_transfer: bank, stripe_connect: stripe ?? notConfigured };
  return { for: (method) => byMethod[method] };
}
