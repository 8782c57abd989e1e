import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { ScmIntake } from '../../scm-intake';
import { runScmCommand, SCM_ROLES, ScmCommandAnswer } from '../scm-command';
import { RecordReturnRequest } from './record-return.request.dto';

@ApiTags('orders')
@Controller('influencer/order')
export class RecordReturnController {
  constructor(@Inject(ScmIntake) private readonly intake: ScmIntake) {}

  @Post('return')
  @HttpCode(200)
  @Roles(...SCM_ROLES)
  @ApiOperation({
    summary: 'RecordReturn: lines returned (idempotent by returnId and sourceRef)',
    description:
      'A return before its order is accepted and reconciled when the order arrives; against a known order, more than the ordered quantity is 409. A returnId (or sourceRef) recorded already: the same content answers 200 with the recorded position, other content 409 ORDER.CONFLICTING_FACT.',
  })
  @ApiBody({ type: RecordReturnRequest })
  @ApiOkResponse({ type: ScmCommandAnswer })
  record(@Ctx() ctx: RequestContext, @Body() body: unknown): Promise<ScmCommandAnswer> {
    return runScmCommand(this.intake, ctx, 'OrderReturned', body);
  }
}
