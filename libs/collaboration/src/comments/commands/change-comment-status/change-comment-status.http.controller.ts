import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { COLLABORATION_ROLES, COMMENT_MODERATOR_ROLES } from '../../../shared/collaboration-roles';
import { changeComment, CommentChangedAnswer } from '../comment-commands';
import { ChangeCommentStatusRequest } from './change-comment-status.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ChangeCommentStatusController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('status')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Set a comment open, resolved or hidden (hiding and unhiding: inf_owner or inf_admin, else 403 COMMENT.MODERATOR_REQUIRED)' })
  @ApiOkResponse({ type: CommentChangedAnswer })
  status(@Ctx() ctx: RequestContext, @Body() body: ChangeCommentStatusRequest): Promise<CommentChangedAnswer> {
    const { commentId, status } = body;
    const moderator = ctx.roles.some((role) => (COMMENT_MODERATOR_ROLES as readonly string[]).includes(role));
    return changeComment(this.store, this.clock, ctx, commentId, (now) => ({ type: 'ChangeCommentStatus', data: { commentId, status, actorId: ctx.actorId, moderator, now } }));
  }
}
