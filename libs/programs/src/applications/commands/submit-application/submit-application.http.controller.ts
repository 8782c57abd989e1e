import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, Public } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { ApplicationSubmittedAnswer } from './submit-application.answer.dto';
import { SubmitApplicationHandler } from './submit-application.handler';
import { SubmitApplicationRequest } from './submit-application.request.dto';
import { ApplicationSubmitRateGuard } from './submit-rate.guard';

@ApiTags('applications')
@Controller('influencer/application')
export class SubmitApplicationController {
  constructor(private readonly handler: SubmitApplicationHandler) {}

  @Post('submit')
  @Public()
  @UseGuards(ApplicationSubmitRateGuard)
  @ApiOperation({
    summary: 'Apply to a campaign\'s partner program (public, no token)',
    description:
      'The campaign\'s intakeFields validate `fields`. An unknown org or campaign is 404 APPLICATION.CAMPAIGN_NOT_FOUND (the same for both). ' +
      'The same form sent again answers the same id; another form for the same email and campaign is 409 APPLICATION.ALREADY_SUBMITTED. ' +
      'Rate-limited per client address and per org: 429 APPLICATION.RATE_LIMITED with Retry-After.',
    security: [],
  })
  @ApiCreatedResponse({ type: ApplicationSubmittedAnswer })
  @ApiResponse({ status: 429, description: 'APPLICATION.RATE_LIMITED', headers: { 'Retry-After': { schema: { type: 'integer' } } } })
  submit(@Ctx() ctx: RequestContext, @Body() body: SubmitApplicationRequest): Promise<ApplicationSubmittedAnswer> {
    return this.handler.execute(ctx.correlationId, body);
  }
}
