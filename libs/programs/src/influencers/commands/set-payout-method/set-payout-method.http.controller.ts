import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PAYOUT_METHOD_ROLES } from '../../../shared/program-roles';
import { SetPayoutMethodHandler } from './set-payout-method.handler';
import { PayoutMethodSetAnswer, SetPayoutMethodRequest } from './set-payout-method.request.dto';

@ApiTags('influencers')
@Controller('influencer/profile/payout-method')
export class SetPayoutMethodController {
  constructor(private readonly handler: SetPayoutMethodHandler) {}

  @Post('set')
  @HttpCode(200)
  @Roles(...PAYOUT_METHOD_ROLES)
  @ApiOperation({ summary: "Where the influencer's payouts go: sandbox | stripe_connect (accountId) | bank_transfer (iban, bic?, accountHolder)" })
  @ApiOkResponse({ type: PayoutMethodSetAnswer })
  set(@Ctx() ctx: RequestContext, @Body() body: SetPayoutMethodRequest): Promise<PayoutMethodSetAnswer> {
    return this.handler.execute(ctx, body);
  }
}
