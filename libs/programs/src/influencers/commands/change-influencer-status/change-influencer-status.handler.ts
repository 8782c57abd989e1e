import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { assertNever, CLOCK, type Clock } from '@ledger/kernel';
import { influencerProfileDecider, type InfluencerProfileCommand } from '../../../domain';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { influencerStream } from '../../../shared/program-streams';
import type { InfluencerStatusChangedAnswer } from './change-influencer-status.answer.dto';
import type { ReactivateInfluencerRequest, SuspendOrTerminateInfluencerRequest } from './change-influencer-status.request.dto';

export type InfluencerStatusChange =
  | { transition: 'suspend' | 'terminate'; request: SuspendOrTerminateInfluencerRequest }
  | { transition: 'reactivate'; request: ReactivateInfluencerRequest };

/**
 * Suspend (active → suspended), reactivate (suspended → active), terminate (→ terminated, for good), at
 * the clock's now. A transition the status does not allow is the decider's 409 INFLUENCER.INVALID_TRANSITION.
 */
@Injectable()
export class ChangeInfluencerStatusHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, change: InfluencerStatusChange): Promise<InfluencerStatusChangedAnswer> {
    const now = this.clock.now().toISOString();
    const { influencerId } = change.request;
    const outcome = await decideAndAppend(this.store, ctx, influencerStream(ctx.org, influencerId), influencerProfileDecider, commandFor(change, now), { occurredAt: now });
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: influencerId, status: STATUS_AFTER[change.transition] }, outcome.position);
  }
}

const STATUS_AFTER = { suspend: 'suspended', reactivate: 'active', terminate: 'terminated' } as const;

function commandFor(change: InfluencerStatusChange, now: string): InfluencerProfileCommand {
  const { influencerId, reasonCode } = change.request;
  switch (change.transition) {
    case 'suspend':
      return { type: 'SuspendInfluencer', data: { influencerId, reasonCode: change.request.reasonCode, now } };
    case 'terminate':
      return { type: 'TerminateInfluencer', data: { influencerId, reasonCode: change.request.reasonCode, now } };
    case 'reactivate':
      return { type: 'ReactivateInfluencer', data: { influencerId, now, ...(reasonCode === undefined ? {} : { reasonCode }) } };
    default:
      return assertNever(change);
  }
}
