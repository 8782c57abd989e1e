import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { InfluencerStatusChangedAnswer } from './change-influencer-status.answer.dto';
import { ChangeInfluencerStatusHandler } from './change-influencer-status.handler';
import { ReactivateInfluencerRequest, SuspendOrTerminateInfluencerRequest } from './change-influencer-status.request.dto';

@ApiTags('influencers')
@Controller('influencer/profile')
export class ChangeInfluencerStatusController {
  constructor(private readonly handler: ChangeInfluencerStatusHandler) {}

  @Post('suspend')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'active → suspended (409 otherwise)' })
  @ApiOkResponse({ type: InfluencerStatusChangedAnswer })
  suspend(@Ctx() ctx: RequestContext, @Body() body: SuspendOrTerminateInfluencerRequest): Promise<InfluencerStatusChangedAnswer> {
    return this.handler.execute(ctx, { transition: 'suspend', request: body });
  }

  @Post('reactivate')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'suspended → active (409 otherwise)' })
  @ApiOkResponse({ type: InfluencerStatusChangedAnswer })
  reactivate(@Ctx() ctx: RequestContext, @Body() body: ReactivateInfluencerRequest): Promise<InfluencerStatusChangedAnswer> {
    return this.handler.execute(ctx, { transition: 'reactivate', request: body });
  }

  @Post('terminate')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'active | suspended → terminated, for good (409 when already terminated)' })
  @ApiOkResponse({ type: InfluencerStatusChangedAnswer })
  terminate(@Ctx() ctx: RequestContext, @Body() body: SuspendOrTerminateInfluencerRequest): Promise<InfluencerStatusChangedAnswer> {
    return this.handler.execute(ctx, { transition: 'terminate', request: body });
  }
}
