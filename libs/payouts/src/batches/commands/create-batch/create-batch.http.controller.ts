import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_CREATOR_ROLES } from '../../payout-roles';
import { CreatePayoutBatchHandler } from './create-batch.handler';
import { CreatePayoutBatchRequest } from './create-batch.request.dto';

@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class CreatePayoutBatchController {
  constructor(private readonly handler: CreatePayoutBatchHandler) {}

  @Post('create')
  @HttpCode(200)
  @Roles(...PAYOUT_CREATOR_ROLES)
  @ApiOperation({ summary: 'A batch over the payable earnings of a currency (per campaign at least its minPayout), locking them to it; 409 empty_batch when nobody is due' })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  create(@Ctx() ctx: RequestContext, @Body() body: CreatePayoutBatchRequest): Promise<PayoutBatchCommandAnswer> {
    return this.handler.execute(ctx, body);
  }
}
