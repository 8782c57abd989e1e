import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { conversionSource, earningSource, fraudSource } from '../fact-sources';
import { groupFacts, mergeGroups } from '../kpi-facts-query';
import { KEY_PROPERTY, KPI_ROLES, KpiAnswerBase, KpiMoney, answerBase, keyOf, moneyOf, scopeOf } from '../kpi.answer';
import { KpiRequest } from '../kpi.request.dto';

export class RewardsKpiRow {
  @ApiProperty(KEY_PROPERTY) key: Record<string, string | null>;
  @ApiProperty({ description: 'Reward claims (earnings) created in the range' }) claimsCreated: number;
  @ApiProperty({ description: 'Of those, approved: released to payable, or paid' }) claimsApproved: number;
  @ApiProperty({ description: 'Of those, exceptions: held by a manual or fraud hold at some point' }) exceptions: number;
  @ApiProperty({ description: 'Of those, disputed: a dispute was opened on the earning' }) disputed: number;
  @ApiProperty({ description: 'Duplicate-claim fraud flags raised in the range' }) duplicateClaims: number;
  @ApiProperty({ description: 'Of the claims, paid' }) paidClaims: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median hours from accrual to first payment of the paid claims; null when none is paid' }) medianPayoutHours: number | null;
  @ApiProperty({ type: KpiMoney, description: 'Their amounts net of clawbacks' }) rewardCost: KpiMoney;
  @ApiProperty({ type: KpiMoney, description: 'Commission base of the attributed (not cancelled) orders of the range' }) referredRevenue: KpiMoney;
}

export class RewardsKpiAnswer extends KpiAnswerBase {
  @ApiProperty({ type: [RewardsKpiRow] }) rows: RewardsKpiRow[];
}

const FIGURES = ['claimsCreated', 'claimsApproved', 'exceptions', 'disputed', 'duplicateClaims', 'paidClaims', 'medianPayoutHours', 'rewardCost', 'referredRevenue'];

@ApiTags('kpi')
@Controller('influencer/kpi')
export class RewardsKpiController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<any>) {}

  @Post('rewards')
  @ReadOnly()
  @Roles(...KPI_ROLES)
  @ApiOperation({ summary: "Seed 004's reward measures: claims, approvals, exceptions, disputes, duplicates, payout time, cost, referred revenue (docs/kpis.md)" })
  @ApiOkResponse({ type: RewardsKpiAnswer })
  async rewards(@Ctx() ctx: RequestContext, @Body() body: KpiRequest): Promise<RewardsKpiAnswer> {
    const scope = scopeOf(ctx, body);
    const claims = await groupFacts(this.db, scope, earningSource({
      claimsCreated: sql`count(*)`,
      claimsApproved: sql`count(e.approved_at)`,
      exceptions: sql`count(*) filter (where e.exception)`,
      disputed: sql`count(*) filter (where exists (select 1 from kpi_dispute d where d.org = e.org and lower(d.subject_id) = e.earning_id))`,
      paidClaims: sql`count(e.paid_at)`,
      medianPayoutHours: sql`percentile_cont(0.5) within group (order by extract(epoch from (e.paid_at - e.occurred_at)) / 3600) filter (where e.paid_at is not null)`,
      rewardCost: sql`coalesce(sum(e.amount_minor - e.clawed_back_minor), 0)`,
    }));
    const duplicates = await groupFacts(this.db, scope, fraudSource({ duplicateClaims: sql`count(*)` }, sql`f.rule = 'duplicate_claim'`));
    const referred = await groupFacts(this.db, scope, conversionSource);
    const rows = mergeGroups(scope, FIGURES, claims, duplicates, referred).map(({ key, figures: f }) => ({
      key: keyOf(key),
      claimsCreated: Number(f.claimsCreated),
      claimsApproved: Number(f.claimsApproved),
      exceptions: Number(f.exceptions),
      disputed: Number(f.disputed),
      duplicateClaims: Number(f.duplicateClaims),
      paidClaims: Number(f.paidClaims),
      medianPayoutHours: Number(f.paidClaims) === 0 ? null : Math.round(Number(f.medianPayoutHours) * 100) / 100,
      rewardCost: moneyOf(f.rewardCost!, scope.currency),
      referredRevenue: moneyOf(f.referredRevenue!, scope.currency),
    }));
    return { ...answerBase(scope), rows };
  }
}
