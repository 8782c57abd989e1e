import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { DISCOUNT_REQUEST_TYPES } from '../../../shared/discount.request.dto';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { EARNINGS_REQUEST_TYPES } from '../../campaign-rules.request.dto';
import { CampaignCreatedAnswer } from './create-campaign.answer.dto';
import { CreateCampaignHandler } from './create-campaign.handler';
import { CreateCampaignRequest } from './create-campaign.request.dto';

@ApiTags('campaigns')
@ApiExtraModels(...EARNINGS_REQUEST_TYPES, ...DISCOUNT_REQUEST_TYPES)
@Controller('influencer/campaign')
export class CreateCampaignController {
  constructor(private readonly handler: CreateCampaignHandler) {}

  @Post('create')
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'Create a draft campaign with its rules (version 1)' })
  @ApiCreatedResponse({ type: CampaignCreatedAnswer })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateCampaignRequest): Promise<CampaignCreatedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
