import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { InfluencerRegisteredAnswer } from './register-influencer.answer.dto';
import { RegisterInfluencerHandler } from './register-influencer.handler';
import { RegisterInfluencerRequest } from './register-influencer.request.dto';

@ApiTags('influencers')
@Controller('influencer/profile')
export class RegisterInfluencerController {
  constructor(private readonly handler: RegisterInfluencerHandler) {}

  @Post('create')
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'Register an influencer (active at once)' })
  @ApiCreatedResponse({ type: InfluencerRegisteredAnswer })
  create(@Ctx() ctx: RequestContext, @Body() body: RegisterInfluencerRequest): Promise<InfluencerRegisteredAnswer> {
    return this.handler.execute(ctx, body);
  }
}
