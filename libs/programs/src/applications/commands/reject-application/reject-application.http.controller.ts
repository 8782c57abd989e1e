import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { ApplicationRejectedAnswer } from './reject-application.answer.dto';
import { RejectApplicationHandler } from './reject-application.handler';
import { RejectApplicationRequest } from './reject-application.request.dto';

@ApiTags('applications')
@Controller('influencer/application')
export class RejectApplicationController {
  constructor(private readonly handler: RejectApplicationHandler) {}

  @Post('reject')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'Reject an application with a reason', description: 'Rejecting a rejected application again appends nothing; an approved one is 409 APPLICATION.ALREADY_DECIDED.' })
  @ApiOkResponse({ type: ApplicationRejectedAnswer })
  reject(@Ctx() ctx: RequestContext, @Body() body: RejectApplicationRequest): Promise<ApplicationRejectedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
