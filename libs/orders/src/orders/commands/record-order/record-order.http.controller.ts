import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { ScmIntake } from '../../scm-intake';
import { runScmCommand, SCM_ROLES, ScmCommandAnswer } from '../scm-command';
import { RecordOrderRequest } from './record-order.request.dto';

@ApiTags('orders')
@Controller('influencer/order')
export class RecordOrderController {
  constructor(@Inject(ScmIntake) private readonly intake: ScmIntake) {}

  // 200 for a first delivery and a redelivery alike (`recorded` tells them apart): SCM clients retry on anything else.
  @Post('record')
  @HttpCode(200)
  @Roles(...SCM_ROLES)
  @ApiOperation({
    summary: 'RecordOrder: an order placed, as SCM reports it (idempotent: the same order again is recorded:false)',
    description: 'The same order again (same content, under any sourceRef) answers 200 with the recorded position; other content for a recorded order is 409 ORDER.CONFLICTING_FACT naming each differing field with its recorded and sent value.',
  })
  @ApiBody({ type: RecordOrderRequest })
  @ApiOkResponse({ type: ScmCommandAnswer })
  record(@Ctx() ctx: RequestContext, @Body() body: unknown): Promise<ScmCommandAnswer> {
    return runScmCommand(this.intake, ctx, 'OrderPlaced', body);
  }
}
