import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OptionalId, PageRequest } from '../../../shared/common.request.dto';
import { REWARD_STATUSES, type RewardStatus } from '../../read-models/reward-queue/reward-queue.table';

export class RewardQueueRequest extends PageRequest {
  @ApiPropertyOptional({
    enum: REWARD_STATUSES,
    description:
      'needs_approval: payable, in no approved payout batch; flagged: an open fraud flag; disputed: an open or under-review dispute; approved: in a batch a person approved, not paid yet; paid; held: the hold period (or a manual hold) still runs; clawed_back: nothing left to pay',
  })
  @IsOptional()
  @IsIn(REWARD_STATUSES)
  status?: RewardStatus;

  @OptionalId('Only this referrer\'s candidates')
  influencerId?: string;
}
