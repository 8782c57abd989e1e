import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { LEDGER_QUERY_ROLES } from '../../commands/shared/ledger-roles';
import type { LedgerPartialDB } from '../../read-models/earning-ledger/earning-ledger.table';
import { earningItemOf } from '../shared/earning.view';
import { ListEarningsAnswer, ListEarningsRequest } from './list-earnings.request.dto';

@ApiTags('ledger')
@Controller('influencer/earning')
export class ListEarningsController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>) {}

  @Post('list')
  @ReadOnly()
  @Roles(...LEDGER_QUERY_ROLES)
  @PartnerScoped({ requestField: 'influencerId', rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'Earnings of this org, newest first, by influencer, campaign, order, state or channel (keyset pages)' })
  @ApiOkResponse({ type: ListEarningsAnswer })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListEarningsRequest): Promise<ListEarningsAnswer> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    const after = body.cursor === undefined ? null : decodeCursor(body.cursor);
    let query = this.db
      .selectFrom('ledger_earning')
      .selectAll()
      // The cursor keeps the database's microseconds: a JS Date would round them and skip or repeat rows.
      .select(sql<string>`to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
      .where('org', '=', ctx.org)
      .$call(partnerRows(ctx));
    if (body.influencerId !== undefined) query = query.where('influencer_id', '=', body.influencerId);
    if (body.campaignId !== undefined) query = query.where('campaign_id', '=', body.campaignId);
    if (body.orderId !== undefined) query = query.where('order_id', '=', body.orderId);
    if (body.state !== undefined) query = query.where('state', '=', body.state);
    if (body.channel !== undefined) query = query.where('channel', '=', body.channel);
    if (body.kind !== undefined) query = query.where('kind', '=', body.kind);
    if (after) query = query.where(sql<boolean>`(occurred_at, earning_id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
    const rows = await query.orderBy('occurred_at', 'desc').orderBy('earning_id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(earningItemOf), nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_at, last.earning_id) : null };
  }
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && INSTANT.test(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // fall through: not one of ours
  }
  throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor returned by earning/list' }]);
}
