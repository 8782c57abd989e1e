import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { batchAnswer, PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_COMMAND_ROLES } from '../../payout-roles';
import { ReportPayoutItemHandler } from './report-item.handler';
import { ReportPayoutItemRequest } from './report-item.request.dto';

@ApiTags('payouts')
@Controller('influencer/payout/item')
export class ReportPayoutItemController {
  constructor(private readonly handler: ReportPayoutItemHandler) {}

  @Post('report')
  @HttpCode(200)
  @Roles(...PAYOUT_COMMAND_ROLES)
  @ApiOperation({ summary: "A provider's word on an item: posted | failed (while executing) or returned (after posted: earnings payable again)" })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  async report(@Ctx() ctx: RequestContext, @Body() body: ReportPayoutItemRequest): Promise<PayoutBatchCommandAnswer> {
    const { batch, position } = await this.handler.execute(ctx.org, body, (now) => eventMetadataFrom(ctx, { occurredAt: now }));
    return withPosition(batchAnswer(batch), position);
  }
}
