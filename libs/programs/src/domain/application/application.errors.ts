// Refusals of the application decider and of approval, each with a stable code.
import type { ApplicationStatus } from '@ledger/contracts';
import { Conflict, NotFound } from '@ledger/kernel';

/** Unknown org and unknown campaign read the same: a public caller learns nothing about which orgs exist. */
export class ApplicationCampaignNotFound extends NotFound {
  constructor() {
    super('APPLICATION.CAMPAIGN_NOT_FOUND', 'No campaign takes applications under this org and campaign id.');
  }
}

export class ApplicationCampaignClosed extends Conflict {
  constructor(campaignId: string) {
    super('APPLICATION.CAMPAIGN_CLOSED', `Campaign ${campaignId} is closed: it takes no applications and no new partners.`);
  }
}

export class ApplicationNotFound extends NotFound {
  constructor(applicationId: string) {
    super('APPLICATION.NOT_FOUND', `Application ${applicationId} does not exist.`);
  }
}

/** One application per email and campaign: a second one with other content is refused, the same one again is a no-op. */
export class ApplicationAlreadySubmitted extends Conflict {
  constructor(applicationId: string) {
    super('APPLICATION.ALREADY_SUBMITTED', `An application ${applicationId} with this email already exists for the campaign, with other content or already decided.`);
  }
}

export class ApplicationAlreadyDecided extends Conflict {
  constructor(applicationId: string, status: ApplicationStatus) {
    super('APPLICATION.ALREADY_DECIDED', `Application ${applicationId} is already ${status}.`);
  }
}
