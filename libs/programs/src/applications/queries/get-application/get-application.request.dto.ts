import { Id } from '../../../shared/common.request.dto';

export class GetApplicationRequest {
  @Id('Application id')
  applicationId: string;
}
