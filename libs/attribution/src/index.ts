// The attribution context's public surface.
export * from './domain';
