import type { FraudFlagPartialDB } from './flags/read-models/fraud-flag/fraud-flag.table';
import type { RewardQueuePartialDB } from './rewards/read-models/reward-queue/reward-queue.table';

/** Every fraud read model (and the reward queue). */
export type FraudTables = FraudFlagPartialDB & RewardQueuePartialDB;
