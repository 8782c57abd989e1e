// The ledger context's public surface.
export * from './domain/earnings';
