import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { assertNever, CLOCK, type Clock } from '@ledger/kernel';
import { campaignDecider, type CampaignCommand } from '../../../domain';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { campaignStream } from '../../../shared/program-streams';
import type { CampaignStatusChangedAnswer } from './change-campaign-status.answer.dto';
import type { ChangeCampaignStatusRequest } from './change-campaign-status.request.dto';

export type CampaignTransition = 'activate' | 'pause' | 'close';

/**
 * Activate (draft|paused → active), pause (active → paused), close (any but closed → closed), at the
 * clock's now. A transition the status does not allow is the decider's 409 CAMPAIGN.INVALID_TRANSITION.
 */
@Injectable()
export class ChangeCampaignStatusHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, transition: CampaignTransition, request: ChangeCampaignStatusRequest): Promise<CampaignStatusChangedAnswer> {
    const now = this.clock.now().toISOString();
    const { campaignId, reasonCode } = request;
    const outcome = await decideAndAppend(this.store, ctx, campaignStream(ctx.org, campaignId), campaignDecider, commandFor(transition, campaignId, reasonCode, now), {
      occurredAt: now,
      // CampaignActivated has no reason field; the reason of an activation goes to the event metadata.
      ...(transition === 'activate' && reasonCode !== undefined ? { reasonCode } : {}),
    });
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: campaignId, status: STATUS_AFTER[transition] }, outcome.position);
  }
}

const STATUS_AFTER = { activate: 'active', pause: 'paused', close: 'closed' } as const;

function commandFor(transition: CampaignTransition, campaignId: string, reasonCode: string | undefined, now: string): CampaignCommand {
  const reason = reasonCode === undefined ? {} : { reasonCode };
  switch (transition) {
    case 'activate':
      return { type: 'ActivateCampaign', data: { campaignId, now } };
    case 'pause':
      return { type: 'PauseCampaign', data: { campaignId, now, ...reason } };
    case 'close':
      return { type: 'CloseCampaign', data: { campaignId, now, ...reason } };
    default:
      return assertNever(transition);
  }
}
