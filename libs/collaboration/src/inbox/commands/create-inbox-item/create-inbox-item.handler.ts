import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, randomId, type Clock } from '@ledger/kernel';
import { inboxItemDecider } from '../../../domain';
import { inboxStream } from '../../../shared/collaboration-streams';
import { decideOnStream } from '../../../shared/decide-on-stream';
import type { InboxItemCreatedAnswer } from './create-inbox-item.answer.dto';
import type { CreateInboxItemRequest } from './create-inbox-item.request.dto';

@Injectable()
export class CreateInboxItemHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: CreateInboxItemRequest): Promise<InboxItemCreatedAnswer> {
    const inboxItemId = randomId();
    const now = this.clock.now().toISOString();
    const { subject, title, body, roles } = request;
    const data = {
      inboxItemId, kind: request.kind ?? 'manual', subject: { kind: subject.kind, id: subject.id }, title, roles, createdBy: ctx.actorId, now,
      ...(body === undefined ? {} : { body }),
    };
    const outcome = await decideOnStream(this.store, ctx, inboxStream(ctx.org, inboxItemId), inboxItemDecider, { type: 'CreateInboxItem', data }, now);
    return withPosition({ id: inboxItemId, status: 'unread' as const, state: 'open' as const }, outcome.position);
  }
}
