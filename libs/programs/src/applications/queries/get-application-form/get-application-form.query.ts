import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ApplicationCampaignClosed, ApplicationCampaignNotFound, campaignDecider } from '../../../domain';
import { stateOf } from '../../../shared/decide-and-append';
import { campaignStream } from '../../../shared/program-streams';
import type { ApplicationFormView } from './application-form.view';

/**
 * application/form: the campaign's intake fields, read from its stream (what submit validates
 * against, whatever the read models' lag). Unknown org and unknown campaign are the same 404.
 */
@Injectable()
export class GetApplicationFormQuery {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(org: string, campaignId: string): Promise<ApplicationFormView> {
    const campaign = await stateOf(this.store, campaignStream(org, campaignId), campaignDecider);
    if (campaign.status === 'none') throw new ApplicationCampaignNotFound();
    if (campaign.status === 'closed') throw new ApplicationCampaignClosed(campaignId);
    return { campaignId, name: campaign.name, intakeFields: (campaign.rules.intakeFields ?? []).map(({ name, type, required }) => ({ name, type, required })) };
  }
}
