import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { PROGRAM_READER_ROLES } from '../../../shared/program-roles';
import { InfluencerView } from '../influencer.view';
import { ListInfluencersQuery } from './list-influencers.query';
import { ListInfluencersRequest } from './list-influencers.request.dto';

@ApiTags('influencers')
@Controller('influencer/profile')
export class ListInfluencersController {
  constructor(private readonly query: ListInfluencersQuery) {}

  @Post('list')
  @ReadOnly()
  @Roles(...PROGRAM_READER_ROLES)
  @ApiOperation({ summary: 'The org\'s influencers, newest first; filter by status, tier, parent' })
  @ApiOkResponse({ type: pageAnswerOf(InfluencerView) })
  list(@Ctx() ctx: RequestContext, @Body() body: ListInfluencersRequest): Promise<Page<InfluencerView>> {
    return this.query.execute(ctx.org, body);
  }
}
