import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import type { ItemState } from '../../../domain';
import { PAYOUT_QUERY_ROLES } from '../../payout-roles';
import type { PayoutPartialDB } from '../../read-models/payout-batch/payout-batch.table';
import { ListPayoutItemsRequest, PayoutItemPage } from './list-items.request.dto';

/**
 * Payout items across batches: what finance reads per influencer, and the one payout read a partner may make
 * (its own items — a batch as a whole, with everyone's items, stays staff-only: payout/batch/get | list).
 */
@ApiTags('payouts')
@Controller('influencer/payout/item')
export class ListPayoutItemsController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<PayoutPartialDB>) {}

  @Post('list')
  @ReadOnly()
  @Roles(...PAYOUT_QUERY_ROLES)
  @PartnerScoped({ requestField: 'influencerId', rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'Payout items, newest batch first, by influencer, batch or state (keyset pages); a partner sees its own' })
  @ApiOkResponse({ type: PayoutItemPage })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListPayoutItemsRequest): Promise<PayoutItemPage> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    const after = body.cursor === undefined ? null : decodeCursor(body.cursor);
    let query = this.db
      .selectFrom('payout_item')
      .innerJoin('payout_batch', (join) => join.onRef('payout_batch.org', '=', 'payout_item.org').onRef('payout_batch.batch_id', '=', 'payout_item.batch_id'))
      .selectAll('payout_item')
      // The cursor keeps the database's microseconds: a JS Date would round them and skip or repeat rows.
      .select(sql<string>`to_char(payout_batch.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
      .where('payout_item.org', '=', ctx.org)
      .$call(partnerRows(ctx));
    if (body.influencerId !== undefined) query = query.where('payout_item.influencer_id', '=', body.influencerId);
    if (body.batchId !== undefined) query = query.where('payout_item.batch_id', '=', body.batchId);
    if (body.state !== undefined) query = query.where('payout_item.state', '=', body.state);
    if (after) query = query.where(sql<boolean>`(payout_batch.created_at, payout_item.batch_id, payout_item.seq) < (${after.at}::timestamptz, ${after.batchId}, ${after.seq})`);
    const rows = await query.orderBy('payout_batch.created_at', 'desc').orderBy('payout_item.batch_id', 'desc').orderBy('payout_item.seq', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((item) => {
        const money = (amount: number | string) => ({ amount: Number(amount), currency: item.currency });
        return {
          batchId: item.batch_id,
          batchCreatedAt: item.cursor_at,
          itemId: item.item_id,
          influencerId: item.influencer_id,
          gross: money(item.gross_minor),
          recovered: money(item.recovered_minor),
          amount: money(item.amount_minor),
          earningIds: item.earnings.map((e) => e.earningId),
          state: item.state as ItemState,
          method: item.destination.method,
          attempts: item.attempts,
          providerRef: item.provider_ref,
          failureCode: item.failure_code,
          failureMessage: item.failure_message,
          reasonCode: item.reason_code,
        };
      }),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.cursor_at, last.batch_id, last.seq])).toString('base64url') : null,
    };
  }
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeCursor(cursor: string): { at: string; batchId: string; seq: number } {
  try {
    const [at, batchId, seq] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && INSTANT.test(at) && typeof batchId === 'string' && Number.isSafeInteger(seq)) return { at, batchId, seq: seq as number };
  } catch {
    // refused below
  }
  throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor returned by payout/item/list' }]);
}
