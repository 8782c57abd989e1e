// The payout batch: commands, decider, state, errors and the pure batch planner.
export * from './payout-batch.commands';
export * from './payout-batch.decider';
export * from './payout-batch.errors';
export * from './payout-batch.state';
export * from './plan-batch';
