import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { InboxItemView } from '../inbox-item.view';
import { GetInboxItemQuery } from './get-inbox-item.query';
import { GetInboxItemRequest } from './get-inbox-item.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class GetInboxItemController {
  constructor(private readonly query: GetInboxItemQuery) {}

  @Post('get')
  @ReadOnly()
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'An inbox item addressed to one of your roles (owners and admins: any)' })
  @ApiOkResponse({ type: InboxItemView })
  get(@Ctx() ctx: RequestContext, @Body() body: GetInboxItemRequest): Promise<InboxItemView> {
    return this.query.execute(ctx.org, ctx.roles, body.inboxItemId);
  }
}
