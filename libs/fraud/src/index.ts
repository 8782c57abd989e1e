// The fraud context's public surface: the pure domain (rules, flags, checks), streams, HTTP capability, read models.
export * from './domain';
export * from './shared/fraud-streams';
