import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import type { Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { CommentView } from '../comment.view';
import { ListCommentsQuery } from './list-comments.query';
import { ListCommentsRequest } from './list-comments.request.dto';

@ApiTags('comments')
@Controller('influencer/comment')
export class ListCommentsController {
  constructor(private readonly query: ListCommentsQuery) {}

  @Post('list')
  @ReadOnly()
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'The comments on a subject, oldest first; threads by parentId' })
  @ApiOkResponse({ type: pageAnswerOf(CommentView) })
  list(@Ctx() ctx: RequestContext, @Body() body: ListCommentsRequest): Promise<Page<CommentView>> {
    return this.query.execute(ctx.org, ctx.roles, body);
  }
}
