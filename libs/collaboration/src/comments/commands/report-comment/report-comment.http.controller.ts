import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { changeComment, CommentChangedAnswer } from '../comment-commands';
import { ReportCommentRequest } from './report-comment.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ReportCommentController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('report')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Report a comment with a reason (one report per actor; again: no change)' })
  @ApiOkResponse({ type: CommentChangedAnswer })
  report(@Ctx() ctx: RequestContext, @Body() body: ReportCommentRequest): Promise<CommentChangedAnswer> {
    const { commentId, reasonCode } = body;
    return changeComment(this.store, this.clock, ctx, commentId, (now) => ({ type: 'ReportComment', data: { commentId, reasonCode, actorId: ctx.actorId, now } }));
  }
}
