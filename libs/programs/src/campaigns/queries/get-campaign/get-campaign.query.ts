import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import { assert, LIMITS } from '@ledger/kernel';
import { CampaignNotFound } from '../../../domain';
import type { ProgramsTables } from '../../../programs.tables';
import { campaignSummaryOf, type CampaignRulesVersionView, type CampaignView } from '../campaign.view';

/** campaign/get from the read models. Another org's campaign is simply not in this org's rows: 404. */
@Injectable()
export class GetCampaignQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<ProgramsTables>) {}

  async execute(org: string, campaignId: string): Promise<CampaignView> {
    const row = await this.db.selectFrom('program_campaign').selectAll().where('org', '=', org).where('campaign_id', '=', campaignId).limit(1).executeTakeFirst();
    if (!row) throw new CampaignNotFound(campaignId);
    const [versions, costTotals] = await Promise.all([this.versions(org, campaignId), this.costTotals(org, campaignId)]);
    return { ...campaignSummaryOf(row), rules: row.rules, statusHistory: row.status_history, versions, costTotals };
  }

  /** Oldest first; at most the newest LIMITS.programs.rulesVersionsShown. */
  private async versions(org: string, campaignId: string): Promise<CampaignRulesVersionView[]> {
    const rows = await this.db
      .selectFrom('program_campaign_rules_version')
      .selectAll()
      .where('org', '=', org)
      .where('campaign_id', '=', campaignId)
      .orderBy('rules_version', 'desc')
      .limit(LIMITS.programs.rulesVersionsShown)
      .execute();
    return rows.reverse().map((v) => ({
      rulesVersion: v.rules_version,
      effectiveFrom: v.effective_from.toISOString(),
      ...(v.renamed_to === null ? {} : { renamedTo: v.renamed_to }),
      rules: v.rules,
      recordedAt: v.recorded_at.toISOString(),
    }));
  }

  private async costTotals(org: string, campaignId: string): Promise<Array<{ amount: number; currency: string }>> {
    const rows = await this.db
      .selectFrom('program_campaign_cost')
      .select((eb) => ['currency', eb.fn.sum<string>('amount_minor').as('total')])
      .where('org', '=', org)
      .where('campaign_id', '=', campaignId)
      .groupBy('currency')
      .orderBy('currency')
      .limit(LIMITS.programs.costCurrenciesShown)
      .execute();
    return rows.map((r) => {
      const amount = Number(r.total);
      assert(Number.isSafeInteger(amount), `cost total of campaign ${campaignId} in ${r.currency} exceeds a safe integer`);
      return { amount, currency: r.currency };
    });
  }
}
