// The orders context's public surface.
export * from './domain';
