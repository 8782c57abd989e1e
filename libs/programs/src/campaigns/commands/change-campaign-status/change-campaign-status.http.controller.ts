import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { CampaignStatusChangedAnswer } from './change-campaign-status.answer.dto';
import { ChangeCampaignStatusHandler } from './change-campaign-status.handler';
import { ChangeCampaignStatusRequest } from './change-campaign-status.request.dto';

@ApiTags('campaigns')
@Controller('influencer/campaign')
export class ChangeCampaignStatusController {
  constructor(private readonly handler: ChangeCampaignStatusHandler) {}

  @Post('activate')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'draft | paused → active (409 otherwise)' })
  @ApiOkResponse({ type: CampaignStatusChangedAnswer })
  activate(@Ctx() ctx: RequestContext, @Body() body: ChangeCampaignStatusRequest): Promise<CampaignStatusChangedAnswer> {
    return this.handler.execute(ctx, 'activate', body);
  }

  @Post('pause')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'active → paused (409 otherwise)' })
  @ApiOkResponse({ type: CampaignStatusChangedAnswer })
  pause(@Ctx() ctx: RequestContext, @Body() body: ChangeCampaignStatusRequest): Promise<CampaignStatusChangedAnswer> {
    return this.handler.execute(ctx, 'pause', body);
  }

  @Post('close')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'draft | active | paused → closed, for good (409 when already closed)' })
  @ApiOkResponse({ type: CampaignStatusChangedAnswer })
  close(@Ctx() ctx: RequestContext, @Body() body: ChangeCampaignStatusRequest): Promise<CampaignStatusChangedAnswer> {
    return this.handler.execute(ctx, 'close', body);
  }
}
