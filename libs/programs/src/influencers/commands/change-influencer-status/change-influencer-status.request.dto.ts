import { Id, OptionalReasonCode, ReasonCode } from '../../../shared/common.request.dto';

/** `profile/suspend | terminate`: the reason is required. */
export class SuspendOrTerminateInfluencerRequest {
  @Id('Influencer id')
  influencerId: string;

  @ReasonCode()
  reasonCode: string;
}

/** `profile/reactivate`. */
export class ReactivateInfluencerRequest {
  @Id('Influencer id')
  influencerId: string;

  @OptionalReasonCode()
  reasonCode?: string;
}
