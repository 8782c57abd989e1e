import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, type Clock } from '@ledger/kernel';
import { destinationOf, payoutMethodDecider } from '../../../domain';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { influencerStream } from '../../../shared/program-streams';
import type { PayoutMethodSetAnswer, SetPayoutMethodRequest } from './set-payout-method.request.dto';

/** Sets the destination of the influencer's payouts (the same one again: nothing appended). */
@Injectable()
export class SetPayoutMethodHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: SetPayoutMethodRequest): Promise<PayoutMethodSetAnswer> {
    const now = this.clock.now().toISOString();
    const data = { ...request, now };
    const outcome = await decideAndAppend(this.store, ctx, influencerStream(ctx.org, request.influencerId), payoutMethodDecider, { type: 'SetPayoutMethod', data }, { occurredAt: now });
    return withPosition({ id: request.influencerId, payoutMethod: destinationOf(data) }, outcome.position);
  }
}
