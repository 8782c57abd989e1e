import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { codeSource } from '../fact-sources';
import { groupFacts, mergeGroups, rate } from '../kpi-facts-query';
import { KEY_PROPERTY, KPI_ROLES, KpiAnswerBase, answerBase, keyOf, scopeOf } from '../kpi.answer';
import { KpiRequest } from '../kpi.request.dto';

export class CodesKpiRow {
  @ApiProperty(KEY_PROPERTY) key: Record<string, string | null>;
  @ApiProperty({ description: 'Codes presented on orders of the range (order × distinct code), cancelled orders excluded' }) applied: number;
  @ApiProperty({ description: 'Of those, codes issued by the org and valid for the order (time, channel, not deactivated)' }) valid: number;
  @ApiProperty({ description: 'Of those, the code the order was attributed through' }) used: number;
  @ApiProperty({ description: 'used ÷ valid (0…1)' }) utilization: number;
}

export class CodesKpiAnswer extends KpiAnswerBase {
  @ApiProperty({ type: [CodesKpiRow] }) rows: CodesKpiRow[];
}

@ApiTags('kpi')
@Controller('influencer/kpi')
export class CodesKpiController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<any>) {}

  @Post('codes')
  @ReadOnly()
  @Roles(...KPI_ROLES)
  @ApiOperation({ summary: 'Codes applied, valid and used, and their utilization (docs/kpis.md)' })
  @ApiOkResponse({ type: CodesKpiAnswer })
  async codes(@Ctx() ctx: RequestContext, @Body() body: KpiRequest): Promise<CodesKpiAnswer> {
    const scope = scopeOf(ctx, body);
    const groups = await groupFacts(this.db, scope, codeSource);
    const rows = mergeGroups(scope, ['applied', 'valid', 'used'], groups).map(({ key, figures: f }) => ({
      key: keyOf(key),
      applied: Number(f.applied),
      valid: Number(f.valid),
      used: Number(f.used),
      utilization: rate(f.used!, f.valid!),
    }));
    return { ...answerBase(scope), rows };
  }
}
