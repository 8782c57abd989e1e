import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import { INBOX_ITEM_EVENT_TYPES, type InboxItemEvent } from '../../../domain';
import { appliedEvent, json } from '../../../shared/columns';
import type { ReadModelProjection } from '../../../shared/read-model-projection';
import { updateStreamRow } from '../../../shared/stream-row';
import type { CollabInboxItemPartialDB } from './collab-inbox-item.table';

/** collab_inbox_item from the inbox streams; a row moves only forward in its stream's revisions. */
export const collabInboxItemProjection: ReadModelProjection<CollabInboxItemPartialDB> = {
  name: 'collab_inbox_item',
  tables: ['collab_inbox_item'],
  filter: { streamPrefixes: ['inbox-'], eventTypes: [...INBOX_ITEM_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

async function applyEvent(trx: Transaction<CollabInboxItemPartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as InboxItemEvent;
  const org = recorded.metadata.org;
  switch (event.type) {
    case 'InboxItemCreated': {
      const { inboxItemId, kind, subject, title, body, roles, cause, createdBy, createdAt } = event.data;
      await trx
        .insertInto('collab_inbox_item')
        .values({
          org,
          inbox_item_id: inboxItemId,
          kind,
          subject_kind: subject.kind,
          subject_id: subject.id,
          title,
          body: body ?? null,
          roles: sql<string>`${sql.val(roles)}::text[]` as unknown as string,
          status: 'unread',
          state: 'open',
          cause: cause === undefined ? null : json(cause),
          created_by: createdBy,
          created_at: createdAt,
          updated_at: createdAt,
          ...appliedEvent(recorded),
        })
        .onConflict((oc) => oc.columns(['org', 'inbox_item_id']).doNothing())
        .execute();
      return;
    }
    case 'InboxItemStatusChanged':
      return updateStreamRow(trx, 'collab_inbox_item', { org, inbox_item_id: event.data.inboxItemId }, recorded, { status: event.data.status, updated_at: event.data.at });
    case 'InboxItemStateChanged':
      return updateStreamRow(trx, 'collab_inbox_item', { org, inbox_item_id: event.data.inboxItemId }, recorded, { state: event.data.state, updated_at: event.data.at });
    default:
      return assertNever(event, `collab_inbox_item received ${recorded.type}`);
  }
}
