import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { HOLD_ROLES } from '../shared/ledger-roles';
import { EarningSelectionAnswer, EarningSelectionRequest } from '../shared/earning-selection.request.dto';
import { EarningSelectionHandler } from '../shared/earning-selection.handler';

@ApiTags('ledger')
@Controller('influencer/earning')
export class ReleaseHoldController {
  constructor(private readonly handler: EarningSelectionHandler) {}

  @Post('release')
  @HttpCode(200)
  @RequiresActingRole(...HOLD_ROLES)
  @ApiOperation({
    summary: 'ReleaseHold: end the hold now (early), whatever its kind → payable',
    description: 'All or nothing: 409 if any named earning is not held (payable, paid, clawed back), 404 for an unknown earning or influencer.',
  })
  @ApiOkResponse({ type: EarningSelectionAnswer })
  release(@Ctx() ctx: RequestContext, @Body() body: EarningSelectionRequest): Promise<EarningSelectionAnswer> {
    return this.handler.execute(ctx, body, { type: 'release' });
  }
}
