import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, randomId, type Clock } from '@ledger/kernel';
import { influencerProfileDecider } from '../../../domain';
import { decideAndAppend, stateOf } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { influencerStream } from '../../../shared/program-streams';
import type { InfluencerRegisteredAnswer } from './register-influencer.answer.dto';
import { ParentInfluencerNotFound } from './register-influencer.errors';
import type { RegisterInfluencerRequest } from './register-influencer.request.dto';

/**
 * RegisterInfluencer. The parent must be registered in this org (read from its stream, not a read
 * model, so a parent created a moment ago counts). Referral chains cannot form a cycle: the id is new
 * and a parent must exist before its child, and parents never change afterwards.
 */
@Injectable()
export class RegisterInfluencerHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, request: RegisterInfluencerRequest): Promise<InfluencerRegisteredAnswer> {
    const { name, email, customerRefs, tier, parentId } = request;
    if (parentId !== undefined) {
      const parent = await stateOf(this.store, influencerStream(ctx.org, parentId), influencerProfileDecider);
      if (parent.status === 'none') throw new ParentInfluencerNotFound(parentId);
    }
    const influencerId = randomId();
    const now = this.clock.now().toISOString();
    const data = {
      influencerId,
      name,
      email,
      now,
      ...(customerRefs === undefined ? {} : { customerRefs }),
      ...(tier === undefined ? {} : { tier }),
      ...(parentId === undefined ? {} : { parentId }),
    };
    const outcome = await decideAndAppend(this.store, ctx, influencerStream(ctx.org, influencerId), influencerProfileDecider, { type: 'RegisterInfluencer', data }, { occurredAt: now });
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: influencerId, status: 'active' as const }, outcome.position);
  }
}
