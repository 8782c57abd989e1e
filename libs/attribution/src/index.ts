// The attribution context's public surface.
export * from './domain';
export * from './catalog';
// Builders for tests and benchmarks (like @ledger/kernel's testing helpers).
export * from './testing';
