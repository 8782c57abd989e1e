import type { CollabCommentPartialDB } from './comments/read-models/collab-comment/collab-comment.table';
import type { CollabInboxItemPartialDB } from './inbox/read-models/collab-inbox-item/collab-inbox-item.table';

/** Every collaboration read model, for the queries' `Kysely<CollaborationTables>`. */
export type CollaborationTables = CollabCommentPartialDB & CollabInboxItemPartialDB;
