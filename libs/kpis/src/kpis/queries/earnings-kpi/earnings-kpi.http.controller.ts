import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { earningSource } from '../fact-sources';
import { groupFacts, mergeGroups, rate } from '../kpi-facts-query';
import { KEY_PROPERTY, KPI_ROLES, KpiAnswerBase, KpiMoney, answerBase, keyOf, moneyOf, scopeOf } from '../kpi.answer';
import { KpiRequest } from '../kpi.request.dto';

export class EarningsKpiRow {
  @ApiProperty(KEY_PROPERTY) key: Record<string, string | null>;
  @ApiProperty({ description: 'Earnings accrued in the range (by accrual business time)' }) earnings: number;
  @ApiProperty({ type: KpiMoney, description: 'Their amounts (after adjustments) = pending + held + payable + paid + clawedBack' }) accrued: KpiMoney;
  @ApiProperty({ type: KpiMoney }) pending: KpiMoney;
  @ApiProperty({ type: KpiMoney }) held: KpiMoney;
  @ApiProperty({ type: KpiMoney }) payable: KpiMoney;
  @ApiProperty({ type: KpiMoney }) paid: KpiMoney;
  @ApiProperty({ type: KpiMoney }) clawedBack: KpiMoney;
  @ApiProperty({ description: 'held ÷ accrued (0…1)' }) holdRate: number;
  @ApiProperty({ description: 'clawedBack ÷ accrued (0…1)' }) clawbackRate: number;
}

export class EarningsKpiAnswer extends KpiAnswerBase {
  @ApiProperty({ type: [EarningsKpiRow] }) rows: EarningsKpiRow[];
}

const FIGURES = ['earnings', 'accrued', 'pending', 'held', 'payable', 'paid', 'clawedBack'];

@ApiTags('kpi')
@Controller('influencer/kpi')
export class EarningsKpiController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<any>) {}

  @Post('earnings')
  @ReadOnly()
  @Roles(...KPI_ROLES)
  @ApiOperation({ summary: 'Accrued, held, payable, paid and clawed back, with hold and clawback rates (docs/kpis.md)' })
  @ApiOkResponse({ type: EarningsKpiAnswer })
  async earnings(@Ctx() ctx: RequestContext, @Body() body: KpiRequest): Promise<EarningsKpiAnswer> {
    const scope = scopeOf(ctx, body);
    const sum = (column: string) => sql`coalesce(sum(${sql.ref(`e.${column}`)}), 0)`;
    const groups = await groupFacts(this.db, scope, earningSource({
      earnings: sql`count(*)`, accrued: sum('amount_minor'), pending: sum('pending_minor'), held: sum('held_minor'), payable: sum('payable_minor'),
      paid: sum('paid_minor'), clawedBack: sum('clawed_back_minor'),
    }));
    const money = (n: number | null | undefined) => moneyOf(n ?? 0, scope.currency);
    const rows = mergeGroups(scope, FIGURES, groups).map(({ key, figures: f }) => ({
      key: keyOf(key),
      earnings: Number(f.earnings),
      accrued: money(f.accrued),
      pending: money(f.pending),
      held: money(f.held),
      payable: money(f.payable),
      paid: money(f.paid),
      clawedBack: money(f.clawedBack),
      holdRate: rate(f.held!, f.accrued!),
      clawbackRate: rate(f.clawedBack!, f.accrued!),
    }));
    return { ...answerBase(scope), rows };
  }
}
