import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_READER_ROLES } from '../../../shared/program-roles';
import { CampaignView } from '../campaign.view';
import { GetCampaignQuery } from './get-campaign.query';
import { GetCampaignRequest } from './get-campaign.request.dto';

@ApiTags('campaigns')
@Controller('influencer/campaign')
export class GetCampaignController {
  constructor(private readonly query: GetCampaignQuery) {}

  @Post('get')
  @ReadOnly()
  @Roles(...PROGRAM_READER_ROLES)
  @ApiOperation({ summary: 'A campaign with its status history, current rules and every rules version' })
  @ApiOkResponse({ type: CampaignView })
  get(@Ctx() ctx: RequestContext, @Body() body: GetCampaignRequest): Promise<CampaignView> {
    return this.query.execute(ctx.org, body.campaignId);
  }
}
