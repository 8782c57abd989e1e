import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { InboxItemChangedAnswer } from '../inbox-item-commands';
import { ChangeInboxItemStatusHandler } from './change-inbox-item-status.handler';
import { ChangeInboxItemStatusRequest } from './change-inbox-item-status.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class ChangeInboxItemStatusController {
  constructor(private readonly handler: ChangeInboxItemStatusHandler) {}

  @Post('status')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Mark an item of your inbox unread, read or archived' })
  @ApiOkResponse({ type: InboxItemChangedAnswer })
  status(@Ctx() ctx: RequestContext, @Body() body: ChangeInboxItemStatusRequest): Promise<InboxItemChangedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
