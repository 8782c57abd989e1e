import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_READER_ROLES } from '../../../shared/program-roles';
import { InfluencerView } from '../influencer.view';
import { GetInfluencerQuery } from './get-influencer.query';
import { GetInfluencerRequest } from './get-influencer.request.dto';

@ApiTags('influencers')
@Controller('influencer/profile')
export class GetInfluencerController {
  constructor(private readonly query: GetInfluencerQuery) {}

  @Post('get')
  @ReadOnly()
  @Roles(...PROGRAM_READER_ROLES)
  @ApiOperation({ summary: 'An influencer profile' })
  @ApiOkResponse({ type: InfluencerView })
  get(@Ctx() ctx: RequestContext, @Body() body: GetInfluencerRequest): Promise<InfluencerView> {
    return this.query.execute(ctx.org, body.influencerId);
  }
}
