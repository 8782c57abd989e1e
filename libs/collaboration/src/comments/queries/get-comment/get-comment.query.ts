import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { DATABASE } from '@ledger/runtime';
import { CommentNotFound } from '../../../domain';
import type { CollaborationTables } from '../../../collaboration.tables';
import { commentDetailOf, visibleTo, type CommentDetailView } from '../comment.view';

/** comment/get with its revision history; another org's comment is not among this org's rows: 404. */
@Injectable()
export class GetCommentQuery {
  constructor(@Inject(DATABASE) private readonly db: Kysely<CollaborationTables>) {}

  async execute(org: string, roles: readonly string[], commentId: string): Promise<CommentDetailView> {
    const row = await this.db.selectFrom('collab_comment').selectAll().where('org', '=', org).where('comment_id', '=', commentId).limit(1).executeTakeFirst();
    if (!row) throw new CommentNotFound(commentId);
    return visibleTo(commentDetailOf(row), roles);
  }
}
