import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import { COMMENT_EVENT_TYPES, type CommentEvent } from '../../../domain';
import { appliedEvent, json } from '../../../shared/columns';
import type { ReadModelProjection } from '../../../shared/read-model-projection';
import { updateStreamRow } from '../../../shared/stream-row';
import type { CollabCommentPartialDB } from './collab-comment.table';

/**
 * collab_comment from the comment streams. History entries are appended to the row's lists only
 * together with its revision guard (updateStreamRow), so a replayed event never adds one twice.
 */
export const collabCommentProjection: ReadModelProjection<CollabCommentPartialDB> = {
  name: 'collab_comment',
  tables: ['collab_comment'],
  filter: { streamPrefixes: ['comment-'], eventTypes: [...COMMENT_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

const appended = (column: 'revisions' | 'reports', entry: unknown) => sql`${sql.ref(column)} || jsonb_build_array(${json(entry)}::jsonb)`;

async function applyEvent(trx: Transaction<CollabCommentPartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as CommentEvent;
  const org = recorded.metadata.org;
  switch (event.type) {
    case 'CommentPosted': {
      const { commentId, subject, body, parentId, attachments, authorId, postedAt } = event.data;
      await trx
        .insertInto('collab_comment')
        .values({
          org,
          comment_id: commentId,
          subject_kind: subject.kind,
          subject_id: subject.id,
          parent_id: parentId ?? null,
          author_id: authorId,
          body,
          attachments: json(attachments),
          status: 'open',
          revisions: json([{ revision: 1, body, by: authorId, at: postedAt }]),
          reports: json([]),
          posted_at: postedAt,
          updated_at: postedAt,
          ...appliedEvent(recorded),
        })
        .onConflict((oc) => oc.columns(['org', 'comment_id']).doNothing())
        .execute();
      return;
    }
    case 'CommentRevised': {
      const { commentId, revision, body, revisedBy, at } = event.data;
      return updateStreamRow(trx, 'collab_comment', { org, comment_id: commentId }, recorded, {
        body,
        revisions: appended('revisions', { revision, body, by: revisedBy, at }),
        updated_at: at,
      });
    }
    case 'CommentStatusChanged':
      return updateStreamRow(trx, 'collab_comment', { org, comment_id: event.data.commentId }, recorded, { status: event.data.status, updated_at: event.data.at });
    case 'CommentReported': {
      const { commentId, reasonCode, reportedBy, at } = event.data;
      return updateStreamRow(trx, 'collab_comment', { org, comment_id: commentId }, recorded, { reports: appended('reports', { reasonCode, by: reportedBy, at }) });
    }
    default:
      return assertNever(event, `collab_comment received ${recorded.type}`);
  }
}
