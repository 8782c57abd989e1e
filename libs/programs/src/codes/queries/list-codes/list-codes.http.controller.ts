import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { PROGRAM_READER_ROLES } from '../../../shared/program-roles';
import { CodeView } from './code.view';
import { ListCodesQuery } from './list-codes.query';
import { ListCodesRequest } from './list-codes.request.dto';

@ApiTags('codes')
@Controller('influencer/code')
export class ListCodesController {
  constructor(private readonly query: ListCodesQuery) {}

  @Post('list')
  @ReadOnly()
  @Roles(...PROGRAM_READER_ROLES)
  @ApiOperation({ summary: 'The org\'s codes, newest first; filter by campaign, influencer, active' })
  @ApiOkResponse({ type: pageAnswerOf(CodeView) })
  list(@Ctx() ctx: RequestContext, @Body() body: ListCodesRequest): Promise<Page<CodeView>> {
    return this.query.execute(ctx.org, body);
  }
}
