import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, executeOnStream, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { CLOCK, deterministicId, type Clock } from '@ledger/kernel';
import { ApplicationCampaignClosed, ApplicationCampaignNotFound, applicationDecider, campaignDecider, normaliseEmail } from '../../../domain';
import { stateOf } from '../../../shared/decide-and-append';
import { applicationStream, campaignStream } from '../../../shared/program-streams';
import type { ApplicationSubmittedAnswer } from './submit-application.answer.dto';
import type { SubmitApplicationRequest } from './submit-application.request.dto';

/** Who appends a public submission: no token, so no actor but the form itself. */
export const PUBLIC_APPLICANT_ACTOR = 'public:application-form';

/**
 * SubmitApplication (public). The campaign is read from its stream (an unknown org or campaign is
 * the same 404); its current intake fields validate the form. The id is deterministic in (campaign,
 * email): the same form sent twice is one application, another form for the same email a 409.
 */
@Injectable()
export class SubmitApplicationHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(correlationId: string, request: SubmitApplicationRequest): Promise<ApplicationSubmittedAnswer> {
    const { org, campaignId, name, email, fields } = request;
    const campaign = await stateOf(this.store, campaignStream(org, campaignId), campaignDecider);
    if (campaign.status === 'none') throw new ApplicationCampaignNotFound();
    if (campaign.status === 'closed') throw new ApplicationCampaignClosed(campaignId);

    const applicationId = deterministicId(org, 'application', campaignId, normaliseEmail(email));
    const now = this.clock.now().toISOString();
    const command = { type: 'SubmitApplication' as const, data: { applicationId, campaignId, name, email, fields, intakeFields: campaign.rules.intakeFields ?? [], now } };
    const outcome = await executeOnStream(this.store, applicationStream(org, applicationId), applicationDecider, command, {
      eventId: () => deterministicId(org, 'application-submitted', applicationId),
      metadata: () => ({ org, actorId: PUBLIC_APPLICANT_ACTOR, correlationId, schemaVersion: 1, occurredAt: now }),
    });
    return withPosition({ id: applicationId, status: 'applied' as const }, outcome.position);
  }
}
