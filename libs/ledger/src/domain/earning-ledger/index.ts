// The earning ledger on the influencer stream: commands, decider, state and the bucket arithmetic.
export * from './earning';
export * from './earning-ledger.commands';
export * from './earning-ledger.decider';
export * from './earning-ledger.errors';
export * from './earning-ledger.state';
export { PersistentMap } from './persistent-map';
