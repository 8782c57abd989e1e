import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CLOCK, deterministicId, randomId, type Clock } from '@ledger/kernel';
import { campaignDecider } from '../../../domain';
import { decideAndAppend } from '../../../shared/decide-and-append';
import { campaignStream } from '../../../shared/program-streams';
import type { CampaignCostRecordedAnswer } from './record-campaign-cost.answer.dto';
import type { RecordCampaignCostRequest } from './record-campaign-cost.request.dto';

/** RecordCampaignCost: recorded whatever the campaign's status (money already spent is a fact). */
@Injectable()
export class RecordCampaignCostHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: RecordCampaignCostRequest): Promise<CampaignCostRecordedAnswer> {
    const { campaignId, amount, channel, note } = request;
    const costId = request.costId ?? randomId();
    const incurredAt = request.incurredAt ?? this.clock.now().toISOString();
    const data = {
      campaignId,
      costId,
      amount: { amount: amount.amount, currency: amount.currency },
      incurredAt,
      ...(channel === undefined ? {} : { channel }),
      ...(note === undefined ? {} : { note }),
    };
    const outcome = await decideAndAppend(this.store, ctx, campaignStream(ctx.org, campaignId), campaignDecider, { type: 'RecordCampaignCost', data }, {
      occurredAt: incurredAt,
      // Deterministic in the cost id: even two racing first attempts store the cost once.
      eventId: () => deterministicId(ctx.org, 'campaign-cost', campaignId, costId),
    });
    return withPosition({ campaignId, costId, recorded: outcome.events.length > 0 }, outcome.position);
  }
}
