// The flows wing: what spans contexts, and the only lib that may import several of them.
// Contexts stay peers (none imports another); a flow reads one context's facts and asks another
// to decide, appending to that context's own streams.
export * from './order-earnings/order-earnings.worker.module';
// The order → earnings process manager itself (the worker runs it; tests, tools and benchmarks may too).
export * from './order-earnings/order-earnings.processor';
export * from './order-earnings/order-earnings.loop';
export * from './program-writes/program-writes-seen.module';
// Holds, fraud flags, disputes and payout batches → inbox items (collaboration).
export * from './inbox-items/inbox-items.worker.module';
export * from './inbox-items/inbox-items.loop';
export * from './inbox-items/inbox-item-rules';
export * from './earning-modifications/campaign-terms.module';
export * from './dispute-resolution/dispute-ledger.module';
// The fraud process manager (attributed orders → checks and flags → holds; reviews → releases, clawbacks).
export * from './order-fraud/order-fraud.worker.module';
export * from './order-fraud/order-fraud.loop';
export * from './order-fraud/order-fraud.processor';
export { FRAUD_FACTS, ORDER_FRAUD_PM } from './order-fraud/fraud-facts';
export { fraudLedgerReads } from './order-fraud/fraud-ledger-reads';
// Payouts ↔ ledger: the payouts context's PAYOUT_LEDGER port, bound to the ledger's decider and read model.
export * from './payout-earnings/payout-earnings.module';
export { PayoutLedgerAdapter } from './payout-earnings/payout-ledger.adapter';
