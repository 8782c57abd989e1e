import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public, ReadOnly } from '@ledger/http';
import { ApplicationSubmitRateGuard } from '../../commands/submit-application/submit-rate.guard';
import { ApplicationFormView } from './application-form.view';
import { GetApplicationFormQuery } from './get-application-form.query';
import { GetApplicationFormRequest } from './get-application-form.request.dto';

@ApiTags('applications')
@Controller('influencer/application')
export class GetApplicationFormController {
  constructor(private readonly query: GetApplicationFormQuery) {}

  @Post('form')
  @Public()
  @ReadOnly()
  // The same buckets as submit: reading forms is how one would probe for orgs and campaigns.
  @UseGuards(ApplicationSubmitRateGuard)
  @ApiOperation({
    summary: 'The public application form of a campaign: its intake fields (public, no token)',
    description: 'Unknown org or campaign: the same 404 APPLICATION.CAMPAIGN_NOT_FOUND. Rate-limited with application/submit (429 with Retry-After).',
    security: [],
  })
  @ApiOkResponse({ type: ApplicationFormView })
  @ApiResponse({ status: 429, description: 'APPLICATION.RATE_LIMITED', headers: { 'Retry-After': { schema: { type: 'integer' } } } })
  form(@Body() body: GetApplicationFormRequest): Promise<ApplicationFormView> {
    return this.query.execute(body.org, body.campaignId);
  }
}
