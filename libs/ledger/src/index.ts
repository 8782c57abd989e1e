// The ledger context's public surface.
export * from './domain/earnings';
export * from './domain/earning-ledger';
