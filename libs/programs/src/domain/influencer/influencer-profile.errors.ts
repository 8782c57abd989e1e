// Refusals of the influencer profile decider, each with a stable code.
import type { InfluencerStatus } from '@ledger/contracts';
import { Conflict, NotFound } from '@ledger/kernel';

export class InfluencerNotFound extends NotFound {
  constructor(influencerId: string) {
    super('INFLUENCER.NOT_FOUND', `Influencer ${influencerId} is not registered.`);
  }
}

export class InfluencerAlreadyRegistered extends Conflict {
  constructor(influencerId: string) {
    super('INFLUENCER.ALREADY_REGISTERED', `Influencer ${influencerId} is already registered.`);
  }
}

export class InvalidInfluencerTransition extends Conflict {
  constructor(influencerId: string, from: InfluencerStatus, action: string) {
    super('INFLUENCER.INVALID_TRANSITION', `Influencer ${influencerId} is ${from}: they cannot ${action}.`);
  }
}

/** The influencer stream is bounded (ADR 0009): past LIMITS.programs.influencerStatusChanges, only termination is left. */
export class InfluencerStreamLimitReached extends Conflict {
  constructor(influencerId: string, limit: number) {
    super('INFLUENCER.STREAM_LIMIT_REACHED', `Influencer ${influencerId} has reached the limit of ${limit} status changes; only termination is left.`);
  }
}
