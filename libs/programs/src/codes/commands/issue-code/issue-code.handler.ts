import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, randomId, ValidationFailed, type Clock } from '@ledger/kernel';
import { campaignDecider, CampaignNotFound, codeDecider, influencerProfileDecider, InfluencerNotFound } from '../../../domain';
import { normaliseCode } from '@ledger/contracts';
import { decideAndAppend, stateOf } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { campaignStream, codeStream, influencerStream } from '../../../shared/program-streams';
import { ShareLinks } from '../../share-links';
import type { CodeIssuedAnswer } from './issue-code.answer.dto';
import { CampaignClosedForCodes, InfluencerTerminatedForCodes } from './issue-code.errors';
import type { IssueCodeRequest } from './issue-code.request.dto';

/**
 * IssueCode. The campaign and the influencer must exist in this org (read from their streams, so
 * projection lag never matters); a closed campaign or a terminated influencer gets no new code. The
 * code's own stream makes it unique per org: a taken code is the decider's 409 CODE.TAKEN.
 */
@Injectable()
export class IssueCodeHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
    private readonly shareLinks: ShareLinks,
  ) {}

  async execute(ctx: RequestContext, request: IssueCodeRequest): Promise<CodeIssuedAnswer> {
    const normalised = normaliseCode(request.code);
    if (!normalised.ok) throw new ValidationFailed([{ field: 'code', problem: normalised.problem }]);
    await this.refuseUnknownOrRetired(ctx.org, request.campaignId, request.influencerId);

    const codeId = randomId();
    const now = this.clock.now().toISOString();
    const { campaignId, influencerId, kind, discount, channels, validFrom, validUntil } = request;
    const data = {
      codeId,
      code: normalised.code,
      campaignId,
      influencerId,
      kind,
      now,
      ...(discount === undefined ? {} : { discount: JSON.parse(JSON.stringify(discount)) }),
      ...(channels === undefined ? {} : { channels }),
      ...(validFrom === undefined ? {} : { validFrom }),
      ...(validUntil === undefined ? {} : { validUntil }),
    };
    const outcome = await decideAndAppend(this.store, ctx, codeStream(ctx.org, normalised.code), codeDecider, { type: 'IssueCode', data }, { occurredAt: now });
    const shareUrl = this.shareLinks.urlOf(kind, normalised.code);
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: codeId, code: normalised.code, ...(shareUrl === undefined ? {} : { shareUrl }) }, outcome.position);
  }

  private async refuseUnknownOrRetired(org: string, campaignId: string, influencerId: string): Promise<void> {
    const [campaign, influencer] = await Promise.all([
      stateOf(this.store, campaignStream(org, campaignId), campaignDecider),
      stateOf(this.store, influencerStream(org, influencerId), influencerProfileDecider),
    ]);
    if (campaign.status === 'none') throw new CampaignNotFound(campaignId);
    if (influencer.status === 'none') throw new InfluencerNotFound(influencerId);
    if (campaign.status === 'closed') throw new CampaignClosedForCodes(campaignId);
    if (influencer.status === 'terminated') throw new InfluencerTerminatedForCodes(influencerId);
  }
}
