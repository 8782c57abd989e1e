import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { FRAUD_READER_ROLES } from '../../../shared/fraud-roles';
import type { RewardQueuePartialDB } from '../../read-models/reward-queue/reward-queue.table';
import { RewardCandidateView, rewardCandidateViewOf } from './reward-candidate.view';
import { RewardQueueRequest } from './reward-queue.request.dto';

@ApiTags('rewards')
@Controller('influencer/reward')
export class RewardQueueController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<RewardQueuePartialDB>) {}

  @Post('queue')
  @ReadOnly()
  @Roles(...FRAUD_READER_ROLES)
  @ApiOperation({
    summary: 'The reward queue (seed 004): one candidate per earning with referrer, referred customer, eligibility, conversion, amount, flags, dispute, approval and payment; newest first',
    description: 'Nothing here pays: payouts, fraud overrides and disputes stay human decisions (payout/batch/approve, fraud/flag/review, dispute/resolve).',
  })
  @ApiOkResponse({ type: pageAnswerOf(RewardCandidateView) })
  async queue(@Ctx() ctx: RequestContext, @Body() body: RewardQueueRequest): Promise<Page<RewardCandidateView>> {
    const limit = pageSize(body.limit);
    let query = this.db
      .selectFrom('reward_candidate as c')
      .leftJoin('reward_order as o', (join) => join.onRef('o.org', '=', 'c.org').onRef('o.order_id', '=', 'c.order_id'))
      .selectAll('c')
      .select(['o.customer_ref', 'o.basis', 'o.fraud_check'])
      .where('c.org', '=', ctx.org);
    if (body.status !== undefined) query = query.where('c.status', '=', body.status);
    if (body.influencerId !== undefined) query = query.where('c.influencer_id', '=', body.influencerId);
    if (body.cursor !== undefined) query = query.where(olderThan('c.occurred_at', 'c.earning_id', decodeCursor(body.cursor)));
    const rows = await query.orderBy('c.occurred_at', 'desc').orderBy('c.earning_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.occurred_at.toISOString(), id: row.earning_id }), rewardCandidateViewOf);
  }
}
