// Refusals of the campaign decider, each with a stable code the HTTP edge maps to a status.
import type { CampaignStatus } from '@ledger/contracts';
import { Conflict, NotFound } from '@ledger/kernel';

export class CampaignNotFound extends NotFound {
  constructor(campaignId: string) {
    super('CAMPAIGN.NOT_FOUND', `Campaign ${campaignId} does not exist.`);
  }
}

export class CampaignAlreadyExists extends Conflict {
  constructor(campaignId: string) {
    super('CAMPAIGN.ALREADY_EXISTS', `Campaign ${campaignId} already exists.`);
  }
}

export class InvalidCampaignTransition extends Conflict {
  constructor(campaignId: string, from: CampaignStatus, action: string) {
    super('CAMPAIGN.INVALID_TRANSITION', `Campaign ${campaignId} is ${from}: it cannot ${action}.`);
  }
}

export class CampaignClosed extends Conflict {
  constructor(campaignId: string) {
    super('CAMPAIGN.CLOSED', `Campaign ${campaignId} is closed: its rules can no longer change.`);
  }
}

export class RulesEffectiveTooEarly extends Conflict {
  constructor(campaignId: string, currentEffectiveFrom: string) {
    super(
      'CAMPAIGN.RULES_EFFECTIVE_TOO_EARLY',
      `New rules of campaign ${campaignId} must take effect at or after the current version's ${currentEffectiveFrom}.`,
    );
  }
}

export class CampaignCostIdReused extends Conflict {
  constructor(campaignId: string, costId: string) {
    super('CAMPAIGN.COST_ID_REUSED', `Cost ${costId} of campaign ${campaignId} was already recorded with other content.`);
  }
}

/** The campaign stream is bounded (ADR 0009): past a limit, a command that would add to it is refused. */
export class CampaignStreamLimitReached extends Conflict {
  constructor(campaignId: string, what: string, limit: number) {
    super('CAMPAIGN.STREAM_LIMIT_REACHED', `Campaign ${campaignId} has reached its limit of ${limit} ${what}; create a new campaign.`);
  }
}
