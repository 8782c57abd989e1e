// The payouts context's public surface: the pure domain, the ledger port the flows bind, the HTTP capability,
// the read models and the providers (the sandbox's book for tests and benchmarks).
export * from './domain';
export * from './batches/payout-ledger.port';
export { payoutBatchStream } from './batches/payout-streams';
export * from './payouts.http.module';
export * from './payouts.projections';
export type { PayoutsTables } from './payouts.tables';
export * from './providers/payout-provider.port';
export { SandboxPayoutProvider } from './providers/sandbox-provider';
