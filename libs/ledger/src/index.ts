// The ledger context's public surface.
export * from './domain/earnings';
export * from './domain/earning-ledger';
// Read model (registered in @ledger/projections' registry) and its tables.
export * from './earnings/read-models/earning-ledger/earning-ledger.projection';
export * from './earnings/read-models/earning-ledger/earning-ledger.table';
// Deterministic ids of ledger events, the ledger's streams and their bounded reads (the order → earnings
// flow in libs/flows appends to these streams through the ledger's deciders).
export * from './earnings/earning-ids';
export { readEarningStreams } from './earnings/read-earning-streams';
// Nest capabilities (apps/main/capabilities.ts).
export * from './ledger.http.module';
export * from './ledger.worker.module';
// Test and benchmark support: a busy influencer and campaign seeded straight into the store.
export * from './testing/loaded-ledger';
export { conversionStream, earningStream, monthTallyStream } from './earnings/ledger-streams';
// Modifications (adjust, reverse, make-good): the service flows use, and the port flows bind to the program catalog.
export * from './modifications/campaign-terms.port';
export * from './modifications/modification-requests';
export * from './modifications/earning-modifications.service';
export * from './modifications/earning-modifications.module';
// audit/ledger-as-of's fold, for the CLI's `history`.
export { ledgerAsOf, type LedgerAsOf } from './earnings/queries/ledger-as-of/ledger-as-of';
// The fraud check of each order (FraudCheckCompleted), the earning's evidence.fraudCheck.
// Reward evidence (issue 10 item 5): the read model behind earning/get's evidence and audit/evidence-coverage.
export * from './earnings/read-models/earning-evidence/earning-evidence.projection';
export * from './earnings/read-models/earning-evidence/earning-evidence.table';
