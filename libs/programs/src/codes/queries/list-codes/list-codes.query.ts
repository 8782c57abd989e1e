import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import type { ProgramsTables } from '../../../programs.tables';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { ShareLinks } from '../../share-links';
import { codeViewOf, type CodeView } from './code.view';
import type { ListCodesRequest } from './list-codes.request.dto';

/** code/list: the org's codes, newest first, keyset-paginated on (issued_at, code_id). */
@Injectable()
export class ListCodesQuery {
  constructor(
    @Inject(DATABASE) private readonly db: Kysely<ProgramsTables>,
    private readonly shareLinks: ShareLinks,
  ) {}

  async execute(org: string, request: ListCodesRequest): Promise<Page<CodeView>> {
    const limit = pageSize(request.limit);
    let query = this.db.selectFrom('program_code').selectAll().where('org', '=', org);
    if (request.campaignId !== undefined) query = query.where('campaign_id', '=', request.campaignId);
    if (request.influencerId !== undefined) query = query.where('influencer_id', '=', request.influencerId);
    if (request.active !== undefined) query = query.where('active', '=', request.active);
    if (request.cursor !== undefined) query = query.where(olderThan('issued_at', 'code_id', decodeCursor(request.cursor)));
    const rows = await query.orderBy('issued_at', 'desc').orderBy('code_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.issued_at.toISOString(), id: row.code_id }), (row) => codeViewOf(row, this.shareLinks.urlOf(row.kind, row.code)));
  }
}
