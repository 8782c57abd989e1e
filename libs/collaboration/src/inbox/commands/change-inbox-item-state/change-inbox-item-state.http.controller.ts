import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { COLLABORATION_ROLES } from '../../../shared/collaboration-roles';
import { changeInboxItem, InboxItemChangedAnswer } from '../inbox-item-commands';
import { ChangeInboxItemStateRequest } from './change-inbox-item-state.request.dto';

@ApiTags('inbox')
@Controller('influencer/inbox')
export class ChangeInboxItemStateController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('state')
  @HttpCode(200)
  @Roles(...COLLABORATION_ROLES)
  @ApiOperation({ summary: 'Move an item of your inbox to open, in_progress or done' })
  @ApiOkResponse({ type: InboxItemChangedAnswer })
  state(@Ctx() ctx: RequestContext, @Body() body: ChangeInboxItemStateRequest): Promise<InboxItemChangedAnswer> {
    const { inboxItemId, state } = body;
    return changeInboxItem(this.store, this.clock, ctx, inboxItemId, (now) => ({ type: 'ChangeInboxItemState', data: { inboxItemId, state, actorId: ctx.actorId, actorRoles: ctx.roles, now } }));
  }
}
