export * from './payout-batch';
