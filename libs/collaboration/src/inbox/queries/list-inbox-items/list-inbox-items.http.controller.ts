import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import type { Page } from '../../../shared/page';
import { pageAnswerOf } from '../../../shared/page-answer';
import { InboxItemView } from '../inbox-item.view';
import { ListInboxItemsQuery } from './list-inbox-items.query';
import { ListInboxItemsRequest } from './list-inbox-items.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class ListInboxItemsController {
  constructor(private readonly query: ListInboxItemsQuery) {}

  @Post('list')
  @ReadOnly()
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Your inbox: items addressed to one of your roles (owners and admins: all), newest first' })
  @ApiOkResponse({ type: pageAnswerOf(InboxItemView) })
  list(@Ctx() ctx: RequestContext, @Body() body: ListInboxItemsRequest): Promise<Page<InboxItemView>> {
    return this.query.execute(ctx.org, ctx.roles, body);
  }
}
