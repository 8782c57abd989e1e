import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { CampaignRulesChangedAnswer } from './update-campaign-rules.answer.dto';
import { UpdateCampaignRulesHandler } from './update-campaign-rules.handler';
import { UpdateCampaignRulesRequest } from './update-campaign-rules.request.dto';

@ApiTags('campaigns')
@Controller('influencer/campaign')
export class UpdateCampaignRulesController {
  constructor(private readonly handler: UpdateCampaignRulesHandler) {}

  @Post('update')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({
    summary: 'New rules version (partial replacement)',
    description: 'Each rules field given replaces the current one wholesale; absent fields carry over; null clears an optional field. Refused (409) on a closed campaign or with effectiveFrom before the current version.',
  })
  @ApiOkResponse({ type: CampaignRulesChangedAnswer })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateCampaignRulesRequest): Promise<CampaignRulesChangedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
