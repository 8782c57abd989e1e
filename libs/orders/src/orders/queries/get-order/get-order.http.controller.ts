import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { INF_ROLES } from '@ledger/contracts';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { streamName } from '@ledger/event-store';
import { LIMITS, NotFound } from '@ledger/kernel';
import { listParked, type ParkedEventPartialDB } from '@ledger/projections';
import type { OrdersPartialDB } from '../../read-models/orders/orders.table';
import { lineOf, OrderAnswer, returnOf, summaryOf, withRefusal } from '../order.answer';
import { GetOrderRequest } from './get-order.request.dto';

@ApiTags('orders')
@Controller('influencer/order')
export class GetOrderController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<OrdersPartialDB>) {}

  @Post('get')
  @ReadOnly()
  @Roles(...INF_ROLES)
  @ApiOperation({ summary: 'One order as the SCM facts left it: lines, returns, cancellation, attribution (read model; use X-Consistency-Position)' })
  @ApiOkResponse({ type: OrderAnswer })
  async get(@Ctx() ctx: RequestContext, @Body() body: GetOrderRequest): Promise<OrderAnswer> {
    const where = { org: ctx.org, order_id: body.orderId };
    const order = await this.db.selectFrom('orders_order').selectAll().where('org', '=', where.org).where('order_id', '=', where.order_id).executeTakeFirst();
    // Another org's order is as unknown as a missing one (404, never 403).
    if (!order) throw new NotFound('ORDER.NOT_FOUND', `No order ${body.orderId}.`);
    const [lines, returns, refusals] = await Promise.all([
      this.db.selectFrom('orders_line').selectAll().where('org', '=', where.org).where('order_id', '=', where.order_id).orderBy('line_no').limit(LIMITS.domain.orderLines).execute(),
      this.db.selectFrom('orders_return').selectAll().where('org', '=', where.org).where('order_id', '=', where.order_id).orderBy('revision').limit(LIMITS.http.pageSizeMax).execute(),
      // A refusal recorded by the process manager (parked, kind refused) says why the order earned nothing.
      listParked(this.db as unknown as Kysely<ParkedEventPartialDB>, { stream: streamName('order', where.org, where.order_id), kinds: ['refused'], limit: 1 }),
    ]);
    const summary = summaryOf(order);
    return { ...summary, attribution: withRefusal(summary.attribution, refusals[0]), lines: lines.map(lineOf), returns: returns.map(returnOf) };
  }
}
