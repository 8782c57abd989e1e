import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { ApplicationApprovedAnswer } from './approve-application.answer.dto';
import { ApproveApplicationHandler } from './approve-application.handler';
import { ApproveApplicationRequest } from './approve-application.request.dto';

@ApiTags('applications')
@Controller('influencer/application')
export class ApproveApplicationController {
  constructor(private readonly handler: ApproveApplicationHandler) {}

  @Post('approve')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({
    summary: 'Approve an application: the profile is active and its code valid at once (one atomic append)',
    description: 'Approving an approved application again answers the same ids and appends nothing; a rejected one is 409 APPLICATION.ALREADY_DECIDED; a closed campaign 409 APPLICATION.CAMPAIGN_CLOSED; a taken code 409 CODE.TAKEN.',
  })
  @ApiOkResponse({ type: ApplicationApprovedAnswer })
  approve(@Ctx() ctx: RequestContext, @Body() body: ApproveApplicationRequest): Promise<ApplicationApprovedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
