import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { changeComment, type CommentChangedAnswer } from '../comment-commands';
import type { ReviseCommentRequest } from './revise-comment.request.dto';

/** ReviseComment: the author only; the earlier bodies stay in the stream (the history). */
@Injectable()
export class ReviseCommentHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(ctx: RequestContext, request: ReviseCommentRequest): Promise<CommentChangedAnswer> {
    const { commentId } = request;
    return changeComment(this.store, this.clock, ctx, commentId, (now) => ({ type: 'ReviseComment', data: { commentId, body: request.body, actorId: ctx.actorId, now } }));
  }
}
