import { fraudFlagProjection } from './flags/read-models/fraud-flag/fraud-flag.projection';
import { rewardQueueProjection } from './rewards/read-models/reward-queue/reward-queue.projection';

export { fraudFlagProjection, rewardQueueProjection };

/** The fraud context's read models, for apps/main/projections.ts. */
export const fraudProjections = [fraudFlagProjection, rewardQueueProjection];
