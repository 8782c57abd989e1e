import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import type { ProgramsTables } from '../../../programs.tables';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { influencerViewOf, type InfluencerView } from '../influencer.view';
import type { ListInfluencersRequest } from './list-influencers.request.dto';

/** profile/list: the org's influencers, newest first, keyset-paginated on (registered_at, influencer_id). */
@Injectable()
export class ListInfluencersQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<ProgramsTables>) {}

  async execute(org: string, request: ListInfluencersRequest): Promise<Page<InfluencerView>> {
    const limit = pageSize(request.limit);
    let query = this.db.selectFrom('program_influencer').selectAll().where('org', '=', org);
    if (request.status !== undefined) query = query.where('status', '=', request.status);
    if (request.tier !== undefined) query = query.where('tier', '=', request.tier);
    if (request.parentId !== undefined) query = query.where('parent_id', '=', request.parentId);
    if (request.cursor !== undefined) query = query.where(olderThan('registered_at', 'influencer_id', decodeCursor(request.cursor)));
    const rows = await query.orderBy('registered_at', 'desc').orderBy('influencer_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.registered_at.toISOString(), id: row.influencer_id }), influencerViewOf);
  }
}
