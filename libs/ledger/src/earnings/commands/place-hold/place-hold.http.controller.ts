import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { HOLD_ROLES } from '../shared/ledger-roles';
import { EarningSelectionAnswer } from '../shared/earning-selection.request.dto';
import { EarningSelectionHandler } from '../shared/earning-selection.handler';
import { PlaceHoldRequest } from './place-hold.request.dto';

@ApiTags('ledger')
@Controller('influencer/earning')
export class PlaceHoldController {
  constructor(private readonly handler: EarningSelectionHandler) {}

  @Post('hold')
  @HttpCode(200)
  @RequiresActingRole(...HOLD_ROLES)
  @ApiOperation({
    summary: 'PlaceHold: keep earnings held (manual or fraud) until released, also past their hold period',
    description: 'All or nothing: 409 if any named earning cannot be held (paid, clawed back), 404 for an unknown earning or influencer.',
  })
  @ApiOkResponse({ type: EarningSelectionAnswer })
  hold(@Ctx() ctx: RequestContext, @Body() body: PlaceHoldRequest): Promise<EarningSelectionAnswer> {
    return this.handler.execute(ctx, body, { type: 'hold', kind: body.kind ?? 'manual' });
  }
}
