import { Name } from '../../../shared/common.request.dto';
import { CampaignRulesRequest } from '../../campaign-rules.request.dto';

/** `campaign/create`: a name and the rules of version 1. */
export class CreateCampaignRequest extends CampaignRulesRequest {
  @Name('Campaign name')
  name: string;
}
