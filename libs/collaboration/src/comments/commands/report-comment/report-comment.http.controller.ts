import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { CommentChangedAnswer } from '../comment-commands';
import { ReportCommentHandler } from './report-comment.handler';
import { ReportCommentRequest } from './report-comment.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ReportCommentController {
  constructor(private readonly handler: ReportCommentHandler) {}

  @Post('report')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Report a comment with a reason (one report per actor; again: no change)' })
  @ApiOkResponse({ type: CommentChangedAnswer })
  report(@Ctx() ctx: RequestContext, @Body() body: ReportCommentRequest): Promise<CommentChangedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
