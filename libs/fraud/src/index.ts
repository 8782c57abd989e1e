// The fraud context's public surface: the pure domain (rules, flags, checks), streams, HTTP capability, read models.
export * from './domain';
export * from './shared/fraud-streams';
export * from './fraud.http.module';
export * from './fraud.projections';
export type { FraudTables } from './fraud.tables';
export { rewardStatusOf } from './rewards/read-models/reward-queue/reward-status';
