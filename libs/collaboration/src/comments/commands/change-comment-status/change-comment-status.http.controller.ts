import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { CommentChangedAnswer } from '../comment-commands';
import { ChangeCommentStatusHandler } from './change-comment-status.handler';
import { ChangeCommentStatusRequest } from './change-comment-status.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ChangeCommentStatusController {
  constructor(private readonly handler: ChangeCommentStatusHandler) {}

  @Post('status')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Set a comment open, resolved or hidden (hiding and unhiding: inf_owner or inf_admin, else 403 COMMENT.MODERATOR_REQUIRED)' })
  @ApiOkResponse({ type: CommentChangedAnswer })
  status(@Ctx() ctx: RequestContext, @Body() body: ChangeCommentStatusRequest): Promise<CommentChangedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
