import { Id, OptionalReasonCode } from '../../../shared/common.request.dto';

/** `campaign/activate | pause | close`. */
export class ChangeCampaignStatusRequest {
  @Id('Campaign id')
  campaignId: string;

  @OptionalReasonCode()
  reasonCode?: string;
}
