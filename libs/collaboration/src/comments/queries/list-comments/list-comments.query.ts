import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import type { CollaborationTables } from '../../../collaboration.tables';
import { decodeCursor, newerThan, pageSize, toPage, type Page } from '../../../shared/page';
import { commentViewOf, visibleTo, type CommentView } from '../comment.view';
import type { ListCommentsRequest } from './list-comments.request.dto';

/** comment/list: a subject's comments, oldest first (a thread reads top down); each carries its parentId. */
@Injectable()
export class ListCommentsQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<CollaborationTables>) {}

  async execute(org: string, roles: readonly string[], request: ListCommentsRequest): Promise<Page<CommentView>> {
    const limit = pageSize(request.limit);
    let query = this.db
      .selectFrom('collab_comment')
      .selectAll()
      .where('org', '=', org)
      .where('subject_kind', '=', request.subject.kind)
      .where('subject_id', '=', request.subject.id);
    if (request.parentId !== undefined) query = query.where('parent_id', '=', request.parentId);
    if (request.status !== undefined) query = query.where('status', '=', request.status);
    if (request.cursor !== undefined) query = query.where(newerThan('posted_at', 'comment_id', decodeCursor(request.cursor)));
    const rows = await query.orderBy('posted_at', 'asc').orderBy('comment_id', 'asc').limit(limit + 1).execute();
    return toPage(rows, limit, (row) => ({ at: row.posted_at.toISOString(), id: row.comment_id }), (row) => visibleTo(commentViewOf(row), roles));
  }
}
