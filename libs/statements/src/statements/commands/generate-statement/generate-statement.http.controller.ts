import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailed } from '@ledger/kernel';
import { Ctx, Roles, withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { StatementAnswer } from '../../statement.answer.dto';
import { STATEMENT_ISSUE_ROLES } from '../statement-roles';
import { GenerateStatementHandler } from './generate-statement.handler';
import { GenerateStatementRequest } from './generate-statement.request.dto';

@ApiTags('statements')
@Controller('influencer/statement')
export class GenerateStatementController {
  constructor(private readonly handler: GenerateStatementHandler) {}

  @Post('generate')
  @HttpCode(200)
  @Roles(...STATEMENT_ISSUE_ROLES)
  @ApiOperation({
    summary: 'Issue (number, fix) the statement of an influencer for a closed period in one currency; the same period again answers the same statement',
    description: '409 period_open (periodEnd after now), period_overlap, period_before_last_statement; 404 unknown influencer.',
  })
  @ApiOkResponse({ type: StatementAnswer })
  async generate(@Ctx() ctx: RequestContext, @Body() body: GenerateStatementRequest): Promise<StatementAnswer & { position: string | null }> {
    if (Date.parse(body.periodStart) >= Date.parse(body.periodEnd)) throw new ValidationFailed([{ field: 'periodEnd', problem: 'must be after periodStart' }]);
    const outcome = await this.handler.generate(ctx, body);
    if (outcome.kind === 'no_activity') throw new Error('generate without skipIfEmpty always answers a statement');
    return withPosition(outcome.statement, outcome.position);
  }
}
