import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { ApplicationView } from '../application.view';
import { GetApplicationQuery } from './get-application.query';
import { GetApplicationRequest } from './get-application.request.dto';

@ApiTags('applications')
@Controller('influencer/application')
export class GetApplicationController {
  constructor(private readonly query: GetApplicationQuery) {}

  @Post('get')
  @ReadOnly()
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'An application with its form values and decision' })
  @ApiOkResponse({ type: ApplicationView })
  get(@Ctx() ctx: RequestContext, @Body() body: GetApplicationRequest): Promise<ApplicationView> {
    return this.query.execute(ctx.org, body.applicationId);
  }
}
