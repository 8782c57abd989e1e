// The ledger context's public surface.
export * from './domain/earnings';
export * from './domain/earning-ledger';
// Read model (registered in @ledger/projections' registry) and its tables.
export * from './earnings/read-models/earning-ledger/earning-ledger.projection';
export * from './earnings/read-models/earning-ledger/earning-ledger.table';
// The attribution & earnings process manager (the worker runs it; tests and tools may too).
export * from './process-manager/order-earnings.processor';
export * from './process-manager/order-earnings.loop';
export * from './process-manager/earning-ids';
// Nest capabilities (apps/main/capabilities.ts).
export * from './ledger.http.module';
export * from './ledger.worker.module';
// Test and benchmark support: a busy influencer and campaign seeded straight into the store.
export * from './testing/loaded-ledger';
export { conversionStream, earningStream, monthTallyStream } from './ledger-streams';
