// What apps and workers share, so worker code never needs the HTTP edge: the read-model
// database token, the logger, metrics, the runtime module, and the request context that
// event metadata is taken from (HTTP fills it; a worker or CLI may run code inside one too).
export * from './context/event-metadata';
export * from './context/request-context';
export * from './ledger-runtime';
export * from './ledger-runtime.module';
export * from './observability/logger';
export * from './observability/metered-event-store';
export * from './observability/metrics';
export * from './observability/transaction-age-metrics';
export * from './read-model-progress';
export * from './read-model-verifier';
export * from './tokens';
