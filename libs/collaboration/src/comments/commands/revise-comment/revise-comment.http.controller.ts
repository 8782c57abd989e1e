import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { CommentChangedAnswer } from '../comment-commands';
import { ReviseCommentHandler } from './revise-comment.handler';
import { ReviseCommentRequest } from './revise-comment.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ReviseCommentController {
  constructor(private readonly handler: ReviseCommentHandler) {}

  @Post('revise')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Revise a comment (the author only, else 403 COMMENT.NOT_AUTHOR); the history is kept', description: `At most ${LIMITS.collaboration.revisionsPerComment} revisions (409 COMMENT.LIMIT_REACHED); a hidden comment is 409 COMMENT.HIDDEN.` })
  @ApiOkResponse({ type: CommentChangedAnswer })
  revise(@Ctx() ctx: RequestContext, @Body() body: ReviseCommentRequest): Promise<CommentChangedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
