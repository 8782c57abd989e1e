import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { PAYOUT_QUERY_ROLES } from '../../payout-roles';
import type { PayoutPartialDB } from '../../read-models/payout-batch/payout-batch.table';
import { answerOf } from '../batch-rows';
import { ListPayoutBatchesRequest, PayoutBatchPage } from './list-batches.request.dto';

@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class ListPayoutBatchesController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<PayoutPartialDB>) {}

  @Post('list')
  @ReadOnly()
  @Roles(...PAYOUT_QUERY_ROLES)
  @ApiOperation({ summary: 'Batches, newest first, by state and currency; cursor/limit pages' })
  @ApiOkResponse({ type: PayoutBatchPage })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListPayoutBatchesRequest): Promise<PayoutBatchPage> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    let query = this.db.selectFrom('payout_batch').selectAll().where('org', '=', ctx.org);
    if (body.state !== undefined) query = query.where('state', '=', body.state);
    if (body.currency !== undefined) query = query.where('currency', '=', body.currency);
    if (body.cursor !== undefined) {
      const after = decodeCursor(body.cursor);
      query = query.where(sql<boolean>`(created_at, batch_id) < (${after.at}::timestamptz, ${after.id})`);
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('batch_id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => answerOf(row, [])),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ at: new Date(last.created_at).toISOString(), id: last.batch_id })).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    if (typeof decoded.at === 'string' && Number.isFinite(Date.parse(decoded.at)) && typeof decoded.id === 'string') return { at: decoded.at, id: decoded.id };
  } catch {
    // refused below
  }
  throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor from a previous answer of this list' }]);
}
