import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, PartnerScoped, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { CLOCK, INF_READER_ROLES_FOR_DISPUTES, type Clock } from '../shared/dispute-query-roles';
import { DisputeNotFound } from '../../../domain/dispute';
import { partnerOf } from '../../dispute-roles';
import { DisputeIdRequest } from '../../commands/shared/dispute-id.request.dto';
import type { DisputesPartialDB } from '../../read-models/dispute-case/dispute-case.table';
import { DisputeDetail, disputeItemOf } from '../shared/dispute.view';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class GetDisputeController {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<DisputesPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('get')
  @ReadOnly()
  @Roles(...INF_READER_ROLES_FOR_DISPUTES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'One dispute with its evidence, deadline (overdue), resolution and history; a partner sees only its own (404 otherwise)' })
  @ApiOkResponse({ type: DisputeDetail })
  async get(@Ctx() ctx: RequestContext, @Body() body: DisputeIdRequest): Promise<DisputeDetail> {
    let query = this.db.selectFrom('dispute_case').selectAll().where('org', '=', ctx.org).where('dispute_id', '=', body.disputeId.toLowerCase());
    const partner = partnerOf(ctx);
    if (partner !== null) query = query.where('influencer_id', '=', partner);
    const row = await query.limit(1).executeTakeFirst();
    if (!row) throw new DisputeNotFound(body.disputeId);
    return { ...disputeItemOf(row, this.clock.now().getTime()), history: row.history as unknown[] };
  }
}
