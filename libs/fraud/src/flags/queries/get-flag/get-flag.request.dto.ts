import { Id } from '../../../shared/common.request.dto';

export class GetFlagRequest {
  @Id('Fraud flag id')
  flagId: string;
}
