import { Module } from '@nestjs/common';
import { ChangeCommentStatusController } from './comments/commands/change-comment-status/change-comment-status.http.controller';
import { ChangeCommentStatusHandler } from './comments/commands/change-comment-status/change-comment-status.handler';
import { PostCommentController } from './comments/commands/post-comment/post-comment.http.controller';
import { PostCommentHandler } from './comments/commands/post-comment/post-comment.handler';
import { ReportCommentController } from './comments/commands/report-comment/report-comment.http.controller';
import { ReportCommentHandler } from './comments/commands/report-comment/report-comment.handler';
import { ReviseCommentController } from './comments/commands/revise-comment/revise-comment.http.controller';
import { ReviseCommentHandler } from './comments/commands/revise-comment/revise-comment.handler';
import { GetCommentController } from './comments/queries/get-comment/get-comment.http.controller';
import { GetCommentQuery } from './comments/queries/get-comment/get-comment.query';
import { ListCommentsController } from './comments/queries/list-comments/list-comments.http.controller';
import { ListCommentsQuery } from './comments/queries/list-comments/list-comments.query';
import { ChangeInboxItemStateController } from './inbox/commands/change-inbox-item-state/change-inbox-item-state.http.controller';
import { ChangeInboxItemStateHandler } from './inbox/commands/change-inbox-item-state/change-inbox-item-state.handler';
import { ChangeInboxItemStatusController } from './inbox/commands/change-inbox-item-status/change-inbox-item-status.http.controller';
import { ChangeInboxItemStatusHandler } from './inbox/commands/change-inbox-item-status/change-inbox-item-status.handler';
import { CreateInboxItemController } from './inbox/commands/create-inbox-item/create-inbox-item.http.controller';
import { CreateInboxItemHandler } from './inbox/commands/create-inbox-item/create-inbox-item.handler';
import { GetInboxItemController } from './inbox/queries/get-inbox-item/get-inbox-item.http.controller';
import { GetInboxItemQuery } from './inbox/queries/get-inbox-item/get-inbox-item.query';
import { ListInboxItemsController } from './inbox/queries/list-inbox-items/list-inbox-items.http.controller';
import { ListInboxItemsQuery } from './inbox/queries/list-inbox-items/list-inbox-items.query';

/**
 * Collaboration over HTTP: comments (threads, attachment metadata, revisions, status, reports) and
 * the inbox. Commands decide on their streams; queries read collab_* (collaborationProjections).
 */
@Module({
  controllers: [
    PostCommentController,
    ReviseCommentController,
    ChangeCommentStatusController,
    ReportCommentController,
    GetCommentController,
    ListCommentsController,
    CreateInboxItemController,
    ChangeInboxItemStatusController,
    ChangeInboxItemStateController,
    GetInboxItemController,
    ListInboxItemsController,
  ],
  providers: [
    PostCommentHandler,
    ReviseCommentHandler,
    ChangeCommentStatusHandler,
    ReportCommentHandler,
    GetCommentQuery,
    ListCommentsQuery,
    CreateInboxItemHandler,
    ChangeInboxItemStatusHandler,
    ChangeInboxItemStateHandler,
    GetInboxItemQuery,
    ListInboxItemsQuery,
  ],
})
export class CollaborationHttpModule {}
