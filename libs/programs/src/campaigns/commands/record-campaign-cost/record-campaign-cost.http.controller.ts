import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { CampaignCostRecordedAnswer } from './record-campaign-cost.answer.dto';
import { RecordCampaignCostHandler } from './record-campaign-cost.handler';
import { RecordCampaignCostRequest } from './record-campaign-cost.request.dto';

@ApiTags('campaigns')
@Controller('influencer/campaign/cost')
export class RecordCampaignCostController {
  constructor(private readonly handler: RecordCampaignCostHandler) {}

  @Post('record')
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'Record money spent on a campaign (for ROI); idempotent by costId' })
  @ApiCreatedResponse({ type: CampaignCostRecordedAnswer })
  record(@Ctx() ctx: RequestContext, @Body() body: RecordCampaignCostRequest): Promise<CampaignCostRecordedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
