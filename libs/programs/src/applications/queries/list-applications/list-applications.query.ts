import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import type { ProgramsTables } from '../../../programs.tables';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { applicationViewOf, type ApplicationView } from '../application.view';
import type { ListApplicationsRequest } from './list-applications.request.dto';

/** application/list: the org's applications, newest first, keyset-paginated on (submitted_at, application_id). */
@Injectable()
export class ListApplicationsQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<ProgramsTables>) {}

  async execute(org: string, request: ListApplicationsRequest): Promise<Page<ApplicationView>> {
    const limit = pageSize(request.limit);
    let query = this.db.selectFrom('program_application').selectAll().where('org', '=', org);
    if (request.status !== undefined) query = query.where('status', '=', request.status);
    if (request.campaignId !== undefined) query = query.where('campaign_id', '=', request.campaignId);
    if (request.cursor !== undefined) query = query.where(olderThan('submitted_at', 'application_id', decodeCursor(request.cursor)));
    const rows = await query.orderBy('submitted_at', 'desc').orderBy('application_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.submitted_at.toISOString(), id: row.application_id }), applicationViewOf);
  }
}
