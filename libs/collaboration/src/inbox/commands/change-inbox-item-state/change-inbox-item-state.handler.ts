import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { changeInboxItem, type InboxItemChangedAnswer } from '../inbox-item-commands';
import type { ChangeInboxItemStateRequest } from './change-inbox-item-state.request.dto';

/** ChangeInboxItemState: on an item addressed to one of the caller's roles (else 404). */
@Injectable()
export class ChangeInboxItemStateHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(ctx: RequestContext, request: ChangeInboxItemStateRequest): Promise<InboxItemChangedAnswer> {
    const { inboxItemId, state } = request;
    return changeInboxItem(this.store, this.clock, ctx, inboxItemId, (now) => ({ type: 'ChangeInboxItemState', data: { inboxItemId, state, actorId: ctx.actorId, actorRoles: ctx.roles, now } }));
  }
}
