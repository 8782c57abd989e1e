import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, PartnerScoped, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { partnerOf } from '../../dispute-roles';
import type { DisputesPartialDB } from '../../read-models/dispute-case/dispute-case.table';
import { CLOCK, INF_READER_ROLES_FOR_DISPUTES, type Clock } from '../shared/dispute-query-roles';
import { disputeItemOf } from '../shared/dispute.view';
import { ListDisputesAnswer, ListDisputesRequest } from './list-disputes.request.dto';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class ListDisputesController {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<DisputesPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('list')
  @ReadOnly()
  @Roles(...INF_READER_ROLES_FOR_DISPUTES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'Disputes, newest first, by state, subject or influencer (keyset pages); `overdue` once respondBy passed while open; a partner lists only its own' })
  @ApiOkResponse({ type: ListDisputesAnswer })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListDisputesRequest): Promise<ListDisputesAnswer> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    const partner = partnerOf(ctx);
    let query = this.db
      .selectFrom('dispute_case')
      .selectAll()
      .select(sql<string>`to_char(opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
      .where('org', '=', ctx.org);
    const influencerId = partner ?? body.influencerId;
    if (influencerId !== undefined) query = query.where('influencer_id', '=', influencerId);
    if (body.state !== undefined) query = query.where('state', '=', body.state);
    if (body.subjectId !== undefined) query = query.where('subject_id', '=', body.subjectId);
    if (body.cursor !== undefined) {
      const after = decodeCursor(body.cursor);
      query = query.where(sql<boolean>`(opened_at, dispute_id) < (${after.at}::timestamptz, ${after.id})`);
    }
    const rows = await query.orderBy('opened_at', 'desc').orderBy('dispute_id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nowMs = this.clock.now().getTime();
    return { items: page.map((row) => disputeItemOf(row, nowMs)), nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.cursor_at, last.dispute_id])).toString('base64url') : null };
  }
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) && typeof id === 'string' && id.length <= 200) return { at, id };
  } catch {
    // not one of ours
  }
  throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor returned by dispute/list' }]);
}
