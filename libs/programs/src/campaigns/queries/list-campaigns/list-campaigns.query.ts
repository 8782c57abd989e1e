import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import type { ProgramsTables } from '../../../programs.tables';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { campaignSummaryOf, type CampaignSummaryView } from '../campaign.view';
import type { ListCampaignsRequest } from './list-campaigns.request.dto';

/** campaign/list: the org's campaigns, newest first, keyset-paginated on (created_at, campaign_id). */
@Injectable()
export class ListCampaignsQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<ProgramsTables>) {}

  async execute(org: string, request: ListCampaignsRequest): Promise<Page<CampaignSummaryView>> {
    const limit = pageSize(request.limit);
    let query = this.db.selectFrom('program_campaign').selectAll().where('org', '=', org);
    if (request.status !== undefined) query = query.where('status', '=', request.status);
    if (request.cursor !== undefined) {
      query = query.where(olderThan('created_at', 'campaign_id', decodeCursor(request.cursor)));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('campaign_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.created_at.toISOString(), id: row.campaign_id }), campaignSummaryOf);
  }
}
