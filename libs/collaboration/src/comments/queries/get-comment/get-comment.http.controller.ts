import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { CommentDetailView } from '../comment.view';
import { GetCommentQuery } from './get-comment.query';
import { GetCommentRequest } from './get-comment.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class GetCommentController {
  constructor(private readonly query: GetCommentQuery) {}

  @Post('get')
  @ReadOnly()
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'A comment with its revisions' })
  @ApiOkResponse({ type: CommentDetailView })
  get(@Ctx() ctx: RequestContext, @Body() body: GetCommentRequest): Promise<CommentDetailView> {
    return this.query.execute(ctx.org, ctx.roles, body.commentId);
  }
}
