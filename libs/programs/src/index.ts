// The programs context's public surface.
export * from './domain';
