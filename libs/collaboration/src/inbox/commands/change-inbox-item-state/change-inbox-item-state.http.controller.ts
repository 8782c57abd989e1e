import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { InboxItemChangedAnswer } from '../inbox-item-commands';
import { ChangeInboxItemStateHandler } from './change-inbox-item-state.handler';
import { ChangeInboxItemStateRequest } from './change-inbox-item-state.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class ChangeInboxItemStateController {
  constructor(private readonly handler: ChangeInboxItemStateHandler) {}

  @Post('state')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Move an item of your inbox to open, in_progress or done' })
  @ApiOkResponse({ type: InboxItemChangedAnswer })
  state(@Ctx() ctx: RequestContext, @Body() body: ChangeInboxItemStateRequest): Promise<InboxItemChangedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
