import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { FRAUD_READER_ROLES } from '../../../shared/fraud-roles';
import type { FraudFlagPartialDB } from '../../read-models/fraud-flag/fraud-flag.table';
import { FlagView, flagViewOf } from '../flag.view';
import { ListFlagsRequest } from './list-flags.request.dto';

@ApiTags('fraud')
@Controller('influencer/fraud/flag')
export class ListFlagsController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<FraudFlagPartialDB>) {}

  @Post('list')
  @ReadOnly()
  @Roles(...FRAUD_READER_ROLES)
  @ApiOperation({ summary: 'The org\'s fraud flags, newest first; filter by state (open | released | reversed) and influencer' })
  @ApiOkResponse({ type: pageAnswerOf(FlagView) })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListFlagsRequest): Promise<Page<FlagView>> {
    const limit = pageSize(body.limit);
    let query = this.db.selectFrom('fraud_flag').selectAll().where('org', '=', ctx.org);
    if (body.state !== undefined) query = query.where('state', '=', body.state);
    if (body.influencerId !== undefined) query = query.where('influencer_id', '=', body.influencerId);
    if (body.cursor !== undefined) query = query.where(olderThan('raised_at', 'flag_id', decodeCursor(body.cursor)));
    const rows = await query.orderBy('raised_at', 'desc').orderBy('flag_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.raised_at.toISOString(), id: row.flag_id }), flagViewOf);
  }
}
