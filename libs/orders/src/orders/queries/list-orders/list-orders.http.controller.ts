import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { INF_ROLES } from '@ledger/contracts';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';
import type { OrdersPartialDB } from '../../read-models/orders/orders.table';
import { OrderSummaryAnswer, summaryOf } from '../order.answer';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor';
import { ListOrdersRequest } from './list-orders.request.dto';

export class OrderPageAnswer {
  @ApiProperty({ type: [OrderSummaryAnswer] }) items: OrderSummaryAnswer[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as cursor; null on the last page' }) nextCursor: string | null;
}

@ApiTags('orders')
@Controller('influencer/order')
export class ListOrdersController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<OrdersPartialDB>) {}

  @Post('list')
  @ReadOnly()
  @Roles(...INF_ROLES)
  @ApiOperation({ summary: 'Orders of the org, newest first (business time), filtered; keyset cursor' })
  @ApiOkResponse({ type: OrderPageAnswer })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListOrdersRequest): Promise<OrderPageAnswer> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    let query = this.db
      .selectFrom('orders_order')
      .selectAll()
      .select(sql<string>`to_json(sort_at) #>> '{}'`.as('sort_key'))
      .where('org', '=', ctx.org);
    if (body.status) query = query.where('status', '=', body.status);
    if (body.attribution) query = query.where('attribution', '=', body.attribution);
    if (body.channel) query = query.where('channel', '=', body.channel);
    if (body.customerRef) query = query.where('customer_ref', '=', body.customerRef);
    if (body.campaignId) query = query.where('campaign_id', '=', body.campaignId);
    if (body.influencerId) query = query.where('influencer_id', '=', body.influencerId);
    if (body.cursor) {
      const after = decodeOrderCursor(body.cursor);
      query = query.where(sql<boolean>`(sort_at, order_id) < (${after.at}::timestamptz, ${after.orderId})`);
    }
    const rows = await query.orderBy('sort_at', 'desc').orderBy('order_id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(summaryOf),
      nextCursor: rows.length > limit && last ? encodeOrderCursor({ at: last.sort_key, orderId: last.order_id }) : null,
    };
  }
}
