import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { Id } from '../../../shared/common.request.dto';
import { ORG_PATTERN } from '../../commands/submit-application/submit-application.request.dto';

/** `application/form` (public, no token): what the campaign's application form asks. */
export class GetApplicationFormRequest {
  @ApiProperty({ description: 'The org whose program the applicant looks at', pattern: ORG_PATTERN.source, example: 'acme' })
  @IsString()
  @Matches(ORG_PATTERN)
  org: string;

  @Id('The campaign (404 when the org has no such campaign)')
  campaignId: string;
}
