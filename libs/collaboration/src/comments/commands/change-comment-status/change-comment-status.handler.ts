import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { COMMENT_MODERATOR_ROLES } from '../../../shared/collaboration-roles';
import { changeComment, type CommentChangedAnswer } from '../comment-commands';
import type { ChangeCommentStatusRequest } from './change-comment-status.request.dto';

/** ChangeCommentStatus: whether the caller may hide (and unhide) comes from their effective roles. */
@Injectable()
export class ChangeCommentStatusHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(ctx: RequestContext, request: ChangeCommentStatusRequest): Promise<CommentChangedAnswer> {
    const { commentId, status } = request;
    const moderator = ctx.roles.some((role) => (COMMENT_MODERATOR_ROLES as readonly string[]).includes(role));
    return changeComment(this.store, this.clock, ctx, commentId, (now) => ({ type: 'ChangeCommentStatus', data: { commentId, status, actorId: ctx.actorId, moderator, now } }));
  }
}
