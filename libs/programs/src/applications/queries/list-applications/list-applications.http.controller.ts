import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { ApplicationView } from '../application.view';
import { ListApplicationsQuery } from './list-applications.query';
import { ListApplicationsRequest } from './list-applications.request.dto';

@ApiTags('applications')
@Controller('influencer/application')
export class ListApplicationsController {
  constructor(private readonly query: ListApplicationsQuery) {}

  @Post('list')
  @ReadOnly()
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'The application queue, newest first; filter by status and campaign' })
  @ApiOkResponse({ type: pageAnswerOf(ApplicationView) })
  list(@Ctx() ctx: RequestContext, @Body() body: ListApplicationsRequest): Promise<Page<ApplicationView>> {
    return this.query.execute(ctx.org, body);
  }
}
