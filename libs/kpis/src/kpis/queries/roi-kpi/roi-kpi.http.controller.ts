import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { ATTRIBUTED_REVENUE, campaignCostSource, earningSource, orderSource } from '../fact-sources';
import { groupFacts, mergeGroups } from '../kpi-facts-query';
import { KEY_PROPERTY, KPI_ROLES, KpiAnswerBase, KpiMoney, answerBase, keyOf, moneyOf, scopeOf } from '../kpi.answer';
import { KpiRequest } from '../kpi.request.dto';

export class RoiKpiRow {
  @ApiProperty(KEY_PROPERTY) key: Record<string, string | null>;
  @ApiProperty({ type: KpiMoney, description: 'Attributed revenue (net of returns, cancelled orders excluded)' }) revenue: KpiMoney;
  @ApiProperty({ type: KpiMoney, description: 'Earnings accrued in the range, net of clawbacks' }) earningsCost: KpiMoney;
  @ApiProperty({ type: KpiMoney, description: 'Campaign costs incurred in the range (campaign/cost/record)' }) campaignCost: KpiMoney;
  @ApiProperty({ type: KpiMoney, description: 'earningsCost + campaignCost' }) cost: KpiMoney;
  @ApiProperty({ type: Number, nullable: true, description: '(revenue − cost) ÷ cost; null when cost is 0' }) roi: number | null;
}

export class RoiKpiAnswer extends KpiAnswerBase {
  @ApiProperty({ type: [RoiKpiRow] }) rows: RoiKpiRow[];
}

@ApiTags('kpi')
@Controller('influencer/kpi')
export class RoiKpiController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<any>) {}

  @Post('roi')
  @ReadOnly()
  @Roles(...KPI_ROLES)
  @ApiOperation({ summary: 'Attributed revenue against earnings and recorded campaign costs (docs/kpis.md)' })
  @ApiOkResponse({ type: RoiKpiAnswer })
  async roi(@Ctx() ctx: RequestContext, @Body() body: KpiRequest): Promise<RoiKpiAnswer> {
    const scope = scopeOf(ctx, body);
    const revenue = await groupFacts(this.db, scope, orderSource({ revenue: ATTRIBUTED_REVENUE }, true));
    const earnings = await groupFacts(this.db, scope, earningSource({ earningsCost: sql`coalesce(sum(e.amount_minor - e.clawed_back_minor), 0)` }));
    const costs = await groupFacts(this.db, scope, campaignCostSource);
    const rows = mergeGroups(scope, ['revenue', 'earningsCost', 'campaignCost'], revenue, earnings, costs).map(({ key, figures: f }) => {
      const cost = Number(f.earningsCost) + Number(f.campaignCost);
      return {
        key: keyOf(key),
        revenue: moneyOf(f.revenue!, scope.currency),
        earningsCost: moneyOf(f.earningsCost!, scope.currency),
        campaignCost: moneyOf(f.campaignCost!, scope.currency),
        cost: moneyOf(cost, scope.currency),
        roi: cost === 0 ? null : Math.round(((Number(f.revenue) - cost) / cost) * 1e6) / 1e6,
      };
    });
    return { ...answerBase(scope), rows };
  }
}
