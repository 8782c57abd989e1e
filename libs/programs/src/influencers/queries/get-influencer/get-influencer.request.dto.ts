import { Id } from '../../../shared/common.request.dto';

export class GetInfluencerRequest {
  @Id('Influencer id')
  influencerId: string;
}
