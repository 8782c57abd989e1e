import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { ScmIntake } from '../../scm-intake';
import { runScmCommand, SCM_ROLES, ScmCommandAnswer } from '../scm-command';
import { CancelOrderRequest } from './cancel-order.request.dto';

@ApiTags('orders')
@Controller('influencer/order')
export class CancelOrderController {
  constructor(@Inject(ScmIntake) private readonly intake: ScmIntake) {}

  @Post('cancel')
  @HttpCode(200)
  @Roles(...SCM_ROLES)
  @ApiOperation({
    summary: 'CancelOrder: the order is cancelled (once)',
    description: 'A later cancellation with the same time and reason (under any sourceRef) is a no-op; one that says something else is 409 ORDER.CONFLICTING_FACT.',
  })
  @ApiBody({ type: CancelOrderRequest })
  @ApiOkResponse({ type: ScmCommandAnswer })
  cancel(@Ctx() ctx: RequestContext, @Body() body: unknown): Promise<ScmCommandAnswer> {
    return runScmCommand(this.intake, ctx, 'OrderCancelled', body);
  }
}
