import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import { InboxItemNotFound } from '../../../domain';
import type { CollaborationTables } from '../../../collaboration.tables';
import { addressedTo } from '../addressed-to';
import { inboxItemViewOf, type InboxItemView } from '../inbox-item.view';

/** inbox/get: an item of the caller's inbox; another org's, or one addressed to none of their roles, is 404. */
@Injectable()
export class GetInboxItemQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<CollaborationTables>) {}

  async execute(org: string, roles: readonly string[], inboxItemId: string): Promise<InboxItemView> {
    const row = await this.db
      .selectFrom('collab_inbox_item')
      .selectAll()
      .where('org', '=', org)
      .where('inbox_item_id', '=', inboxItemId)
      .where(addressedTo(roles))
      .limit(1)
      .executeTakeFirst();
    if (!row) throw new InboxItemNotFound(inboxItemId);
    return inboxItemViewOf(row);
  }
}
