import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, randomId, type Clock } from '@ledger/kernel';
import { campaignDecider, type CampaignRulesInput } from '../../../domain';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { OwnProgramWrites } from '../../../shared/own-program-writes';
import { campaignStream } from '../../../shared/program-streams';
import { plainRuleFields } from '../../campaign-rules.request.dto';
import type { CampaignCreatedAnswer } from './create-campaign.answer.dto';
import type { CreateCampaignRequest } from './create-campaign.request.dto';

/** CreateCampaign: a new draft campaign with rules version 1, effective from now. */
@Injectable()
export class CreateCampaignHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownWrites: OwnProgramWrites,
  ) {}

  async execute(ctx: RequestContext, request: CreateCampaignRequest): Promise<CampaignCreatedAnswer> {
    const campaignId = randomId();
    const now = this.clock.now().toISOString();
    // The shape is validated; the domain validates the semantics (400 with every field) and appends.
    const rules = plainRuleFields(request) as unknown as CampaignRulesInput;
    const outcome = await decideAndAppend(
      this.store,
      ctx,
      campaignStream(ctx.org, campaignId),
      campaignDecider,
      { type: 'CreateCampaign', data: { campaignId, name: request.name, rules, now } },
      { occurredAt: now },
    );
    await this.ownWrites.seen(outcome.position);
    return withPosition({ id: campaignId, status: 'draft' as const, rulesVersion: 1 as const }, outcome.position);
  }
}
