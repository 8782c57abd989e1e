import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { ATTRIBUTED_REVENUE, NET_REVENUE, NET_UNITS, assistSource, orderSource, touchSource } from '../fact-sources';
import { groupFacts, mergeGroups, rate } from '../kpi-facts-query';
import { KEY_PROPERTY, KPI_ROLES, KpiAnswerBase, KpiMoney, answerBase, keyOf, moneyOf, scopeOf } from '../kpi.answer';
import { KpiRequest } from '../kpi.request.dto';
import { sql } from 'kysely';

export class AttributionKpiRow {
  @ApiProperty(KEY_PROPERTY) key: Record<string, string | null>;
  @ApiProperty({ description: 'Orders placed in the range, not cancelled' }) orders: number;
  @ApiProperty({ description: 'Units ordered minus units returned' }) units: number;
  @ApiProperty({ type: KpiMoney, description: 'Net commission base of those orders, minus returns' }) revenue: KpiMoney;
  @ApiProperty({ type: KpiMoney, description: 'The part of revenue of orders attributed to an influencer' }) attributedRevenue: KpiMoney;
  @ApiProperty({ description: 'Attributed orders' }) attributedOrders: number;
  @ApiProperty({ description: 'Touches recorded in the range' }) touches: number;
  @ApiProperty({ description: 'Of those, touches that won an order (the basis of its attribution)' }) convertedTouches: number;
  @ApiProperty({ description: 'convertedTouches ÷ touches (0…1; 0 without touches)' }) conversionRate: number;
  @ApiProperty({ description: 'Orders the group assisted (in the window, not the winner)' }) assistedConversions: number;
}

export class AttributionKpiAnswer extends KpiAnswerBase {
  @ApiProperty({ type: [AttributionKpiRow] }) rows: AttributionKpiRow[];
}

const FIGURES = ['orders', 'units', 'revenue', 'attributedRevenue', 'attributedOrders', 'touches', 'convertedTouches', 'assistedConversions'];

@ApiTags('kpi')
@Controller('influencer/kpi')
export class AttributionKpiController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<any>) {}

  @Post('attribution')
  @ReadOnly()
  @Roles(...KPI_ROLES)
  @ApiOperation({ summary: 'Orders, units, revenue, attributed revenue, conversion rate and assisted conversions (docs/kpis.md)' })
  @ApiOkResponse({ type: AttributionKpiAnswer })
  async attribution(@Ctx() ctx: RequestContext, @Body() body: KpiRequest): Promise<AttributionKpiAnswer> {
    const scope = scopeOf(ctx, body);
    const orders = await groupFacts(this.db, scope, orderSource({ orders: sql`count(*)`, units: NET_UNITS, revenue: NET_REVENUE, attributedRevenue: ATTRIBUTED_REVENUE, attributedOrders: sql`count(c.order_id)` }));
    const touches = await groupFacts(this.db, scope, touchSource(scope.currency));
    const assists = await groupFacts(this.db, scope, assistSource);
    const rows = mergeGroups(scope, FIGURES, orders, touches, assists).map(({ key, figures: f }) => ({
      key: keyOf(key),
      orders: Number(f.orders),
      units: Number(f.units),
      revenue: moneyOf(f.revenue!, scope.currency),
      attributedRevenue: moneyOf(f.attributedRevenue!, scope.currency),
      attributedOrders: Number(f.attributedOrders),
      touches: Number(f.touches),
      convertedTouches: Number(f.convertedTouches),
      conversionRate: rate(f.convertedTouches!, f.touches!),
      assistedConversions: Number(f.assistedConversions),
    }));
    return { ...answerBase(scope), rows };
  }
}
