import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, LIMITS, type Clock } from '@ledger/kernel';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { changeComment, CommentChangedAnswer } from '../comment-commands';
import { ReviseCommentRequest } from './revise-comment.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ReviseCommentController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('revise')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Revise a comment (the author only, else 403 COMMENT.NOT_AUTHOR); the history is kept', description: `At most ${LIMITS.collaboration.revisionsPerComment} revisions (409 COMMENT.LIMIT_REACHED); a hidden comment is 409 COMMENT.HIDDEN.` })
  @ApiOkResponse({ type: CommentChangedAnswer })
  revise(@Ctx() ctx: RequestContext, @Body() body: ReviseCommentRequest): Promise<CommentChangedAnswer> {
    const { commentId } = body;
    return changeComment(this.store, this.clock, ctx, commentId, (now) => ({ type: 'ReviseComment', data: { commentId, body: body.body, actorId: ctx.actorId, now } }));
  }
}
