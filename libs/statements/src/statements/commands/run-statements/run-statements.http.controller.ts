import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailed } from '@ledger/kernel';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { STATEMENT_ISSUE_ROLES } from '../statement-roles';
import { RunStatementsHandler } from './run-statements.handler';
import { RunStatementsAnswer, RunStatementsRequest } from './run-statements.request.dto';

@ApiTags('statements')
@Controller('influencer/statement')
export class RunStatementsController {
  constructor(private readonly handler: RunStatementsHandler) {}

  @Post('run')
  @HttpCode(200)
  @Roles(...STATEMENT_ISSUE_ROLES)
  @ApiOperation({ summary: 'Issue the statement of every influencer with activity for a closed period in one currency (a result per influencer)' })
  @ApiOkResponse({ type: RunStatementsAnswer })
  async run(@Ctx() ctx: RequestContext, @Body() body: RunStatementsRequest): Promise<RunStatementsAnswer> {
    if (Date.parse(body.periodStart) >= Date.parse(body.periodEnd)) throw new ValidationFailed([{ field: 'periodEnd', problem: 'must be after periodStart' }]);
    return this.handler.run(ctx, body);
  }
}
