import { payoutBatchProjection } from './batches/read-models/payout-batch/payout-batch.projection';

export { payoutBatchProjection };

/** The payouts read models, for apps/main/projections.ts. */
export const payoutsProjections = [payoutBatchProjection];
