import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import type { CollaborationTables } from '../../../collaboration.tables';
import { decodeCursor, olderThan, pageSize, toPage, type Page } from '../../../shared/page';
import { addressedTo } from '../addressed-to';
import { inboxItemViewOf, type InboxItemView } from '../inbox-item.view';
import type { ListInboxItemsRequest } from './list-inbox-items.request.dto';

/** inbox/list: the caller's inbox, newest first, keyset-paginated on (created_at, inbox_item_id). */
@Injectable()
export class ListInboxItemsQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<CollaborationTables>) {}

  async execute(org: string, roles: readonly string[], request: ListInboxItemsRequest): Promise<Page<InboxItemView>> {
    const limit = pageSize(request.limit);
    let query = this.db.selectFrom('collab_inbox_item').selectAll().where('org', '=', org).where(addressedTo(roles));
    if (request.status !== undefined) query = query.where('status', '=', request.status);
    if (request.state !== undefined) query = query.where('state', '=', request.state);
    if (request.cursor !== undefined) query = query.where(olderThan('created_at', 'inbox_item_id', decodeCursor(request.cursor)));
    const rows = await query.orderBy('created_at', 'desc').orderBy('inbox_item_id', 'desc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.created_at.toISOString(), id: row.inbox_item_id }), inboxItemViewOf);
  }
}
