import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { changeInboxItem, type InboxItemChangedAnswer } from '../inbox-item-commands';
import type { ChangeInboxItemStatusRequest } from './change-inbox-item-status.request.dto';

/** ChangeInboxItemStatus: on an item addressed to one of the caller's roles (else 404). */
@Injectable()
export class ChangeInboxItemStatusHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(ctx: RequestContext, request: ChangeInboxItemStatusRequest): Promise<InboxItemChangedAnswer> {
    const { inboxItemId, status } = request;
    return changeInboxItem(this.store, this.clock, ctx, inboxItemId, (now) => ({ type: 'ChangeInboxItemStatus', data: { inboxItemId, status, actorId: ctx.actorId, actorRoles: ctx.roles, now } }));
  }
}
