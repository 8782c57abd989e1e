import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { changeComment, type CommentChangedAnswer } from '../comment-commands';
import type { ReportCommentRequest } from './report-comment.request.dto';

/** ReportComment: one report per actor. */
@Injectable()
export class ReportCommentHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(ctx: RequestContext, request: ReportCommentRequest): Promise<CommentChangedAnswer> {
    const { commentId, reasonCode } = request;
    return changeComment(this.store, this.clock, ctx, commentId, (now) => ({ type: 'ReportComment', data: { commentId, reasonCode, actorId: ctx.actorId, now } }));
  }
}
