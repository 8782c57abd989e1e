import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { PROGRAM_READER_ROLES } from '../../../shared/program-roles';
import { CampaignSummaryView } from '../campaign.view';
import { ListCampaignsQuery } from './list-campaigns.query';
import { ListCampaignsRequest } from './list-campaigns.request.dto';

@ApiTags('campaigns')
@Controller('influencer/campaign')
export class ListCampaignsController {
  constructor(private readonly query: ListCampaignsQuery) {}

  @Post('list')
  @ReadOnly()
  @Roles(...PROGRAM_READER_ROLES)
  @ApiOperation({ summary: 'The org\'s campaigns, newest first; filter by status' })
  @ApiOkResponse({ type: pageAnswerOf(CampaignSummaryView) })
  list(@Ctx() ctx: RequestContext, @Body() body: ListCampaignsRequest): Promise<Page<CampaignSummaryView>> {
    return this.query.execute(ctx.org, body);
  }
}
