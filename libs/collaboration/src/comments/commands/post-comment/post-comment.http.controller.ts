import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { CommentPostedAnswer } from './post-comment.answer.dto';
import { PostCommentHandler } from './post-comment.handler';
import { PostCommentRequest } from './post-comment.request.dto';

@ApiTags('comments')
@Controller('influencer')
export class PostCommentController {
  constructor(private readonly handler: PostCommentHandler) {}

  @Post('comment')
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Comment on a record (campaign, earning, …), or reply in its thread (parentId), with attachment metadata' })
  @ApiCreatedResponse({ type: CommentPostedAnswer })
  post(@Ctx() ctx: RequestContext, @Body() body: PostCommentRequest): Promise<CommentPostedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
