import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { fraudSource } from '../fact-sources';
import { groupFacts, mergeGroups, rate } from '../kpi-facts-query';
import { KEY_PROPERTY, KPI_ROLES, KpiAnswerBase, answerBase, keyOf, scopeOf } from '../kpi.answer';
import { FraudKpiRequest } from '../kpi.request.dto';

export class FraudKpiRow {
  @ApiProperty(KEY_PROPERTY) key: Record<string, string | null>;
  @ApiProperty({ description: 'Flags raised in the range' }) raised: number;
  @ApiProperty({ description: 'Of those, not reviewed yet' }) open: number;
  @ApiProperty({ description: 'Of those, reviewed with decision release' }) released: number;
  @ApiProperty({ description: 'Of those, reviewed with decision reverse' }) reversed: number;
  @ApiProperty({ description: 'reversed ÷ (released + reversed) (0…1)' }) reversalRate: number;
}

export class FraudKpiAnswer extends KpiAnswerBase {
  @ApiProperty({ type: [FraudKpiRow] }) rows: FraudKpiRow[];
}

@ApiTags('kpi')
@Controller('influencer/kpi')
export class FraudKpiController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<any>) {}

  @Post('fraud')
  @ReadOnly()
  @Roles(...KPI_ROLES)
  @ApiOperation({ summary: 'Fraud flags by rule and decision (group by `rule`; docs/kpis.md)' })
  @ApiOkResponse({ type: FraudKpiAnswer })
  async fraud(@Ctx() ctx: RequestContext, @Body() body: FraudKpiRequest): Promise<FraudKpiAnswer> {
    const scope = scopeOf(ctx, body);
    const groups = await groupFacts(this.db, scope, fraudSource({
      raised: sql`count(*)`,
      open: sql`count(*) filter (where f.decision is null)`,
      released: sql`count(*) filter (where f.decision = 'release')`,
      reversed: sql`count(*) filter (where f.decision = 'reverse')`,
    }));
    const rows = mergeGroups(scope, ['raised', 'open', 'released', 'reversed'], groups).map(({ key, figures: f }) => ({
      key: keyOf(key),
      raised: Number(f.raised),
      open: Number(f.open),
      released: Number(f.released),
      reversed: Number(f.reversed),
      reversalRate: rate(f.reversed!, Number(f.released) + Number(f.reversed)),
    }));
    return { ...answerBase(scope), rows };
  }
}
