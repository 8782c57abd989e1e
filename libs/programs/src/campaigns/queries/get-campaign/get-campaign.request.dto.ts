import { Id } from '../../../shared/common.request.dto';

export class GetCampaignRequest {
  @Id('Campaign id')
  campaignId: string;
}
