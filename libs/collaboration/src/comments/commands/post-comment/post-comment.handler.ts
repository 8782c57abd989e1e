import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, randomId, ValidationFailed, type Clock } from '@ledger/kernel';
import { commentDecider, CommentParentNotFound } from '../../../domain';
import { commentStream } from '../../../shared/collaboration-streams';
import { decideOnStream, stateOf } from '../../../shared/decide-on-stream';
import type { CommentPostedAnswer } from './post-comment.answer.dto';
import type { PostCommentRequest } from './post-comment.request.dto';

/** PostComment. A reply's parent is read from its stream (this org's only) and must be about the same subject. */
@Injectable()
export class PostCommentHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: PostCommentRequest): Promise<CommentPostedAnswer> {
    const { subject, body, parentId } = request;
    if (parentId !== undefined) {
      const parent = await stateOf(this.store, commentStream(ctx.org, parentId), commentDecider);
      if (parent.status === 'none') throw new CommentParentNotFound(parentId);
      if (parent.subject.kind !== subject.kind || parent.subject.id !== subject.id) {
        throw new ValidationFailed([{ field: 'parentId', problem: 'must be a comment on the same subject' }]);
      }
    }
    const commentId = randomId();
    const now = this.clock.now().toISOString();
    const attachments = (request.attachments ?? []).map(({ name, mediaType, size, url }) => ({ name, mediaType, size, url }));
    const data = { commentId, subject: { kind: subject.kind, id: subject.id }, body, attachments, authorId: ctx.actorId, now, ...(parentId === undefined ? {} : { parentId }) };
    const outcome = await decideOnStream(this.store, ctx, commentStream(ctx.org, commentId), commentDecider, { type: 'PostComment', data }, now);
    return withPosition({ id: commentId }, outcome.position);
  }
}
