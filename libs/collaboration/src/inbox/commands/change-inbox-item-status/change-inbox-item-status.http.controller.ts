import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { changeInboxItem, InboxItemChangedAnswer } from '../inbox-item-commands';
import { ChangeInboxItemStatusRequest } from './change-inbox-item-status.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class ChangeInboxItemStatusController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('status')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Mark an item of your inbox unread, read or archived' })
  @ApiOkResponse({ type: InboxItemChangedAnswer })
  status(@Ctx() ctx: RequestContext, @Body() body: ChangeInboxItemStatusRequest): Promise<InboxItemChangedAnswer> {
    const { inboxItemId, status } = body;
    return changeInboxItem(this.store, this.clock, ctx, inboxItemId, (now) => ({ type: 'ChangeInboxItemStatus', data: { inboxItemId, status, actorId: ctx.actorId, actorRoles: ctx.roles, now } }));
  }
}
