import { Module } from '@nestjs/common';
import { ReviewFlagHandler } from './flags/commands/review-flag/review-flag.handler';
import { ReviewFlagController } from './flags/commands/review-flag/review-flag.http.controller';
import { GetFlagController } from './flags/queries/get-flag/get-flag.http.controller';
import { ListFlagsController } from './flags/queries/list-flags/list-flags.http.controller';
import { RewardQueueController } from './rewards/queries/reward-queue/reward-queue.http.controller';
import { SetFraudRulesController } from './rules/commands/set-rules/set-rules.http.controller';
import { GetFraudRulesController } from './rules/queries/get-rules/get-rules.http.controller';

/**
 * Fraud over HTTP: fraud/flag/list | get | review, fraud/rules/set | get, and the reward queue (reward/queue).
 * Checks, flags and their ledger effects come from the fraud process manager (@ledger/flows).
 */
@Module({
  controllers: [ListFlagsController, GetFlagController, ReviewFlagController, SetFraudRulesController, GetFraudRulesController, RewardQueueController],
  providers: [ReviewFlagHandler],
})
export class FraudHttpModule {}
