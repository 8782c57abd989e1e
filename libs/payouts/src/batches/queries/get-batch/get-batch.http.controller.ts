import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { PayoutBatchAnswer } from '../../batch-view';
import { BatchIdRequest } from '../../commands/batch-requests';
import { PAYOUT_QUERY_ROLES } from '../../payout-roles';
import type { PayoutPartialDB } from '../../read-models/payout-batch/payout-batch.table';
import { answerOf, batchFromReadModel } from '../batch-rows';

@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class GetPayoutBatchController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<PayoutPartialDB>) {}

  @Post('get')
  @ReadOnly()
  @Roles(...PAYOUT_QUERY_ROLES)
  @ApiOperation({ summary: 'A batch with its items (state, provider reference, failure) and who was skipped' })
  @ApiOkResponse({ type: PayoutBatchAnswer })
  async get(@Ctx() ctx: RequestContext, @Body() body: BatchIdRequest): Promise<PayoutBatchAnswer> {
    const { batch, items } = await batchFromReadModel(this.db, ctx.org, body.batchId);
    return answerOf(batch, items);
  }
}
