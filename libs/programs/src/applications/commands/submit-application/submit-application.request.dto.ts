import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { EMAIL_CHARS_MAX } from '../../../domain';
import { Id, Name } from '../../../shared/common.request.dto';

export const ORG_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** `application/submit` (public, no token): the org is named in the body, as on the public form. */
export class SubmitApplicationRequest {
  @ApiProperty({ description: 'The org whose program the applicant applies to', pattern: ORG_PATTERN.source, example: 'acme' })
  @IsString()
  @Matches(ORG_PATTERN)
  org: string;

  @Id('The campaign applied to (404 when the org has no such campaign)')
  campaignId: string;

  @Name('The applicant\'s name (becomes the profile name on approval)')
  name: string;

  @ApiProperty({ format: 'email', maxLength: EMAIL_CHARS_MAX, description: 'One application per email and campaign' })
  @IsString()
  @MaxLength(EMAIL_CHARS_MAX)
  email: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'A value per intake field the campaign configures (`{}` when it configures none); unknown fields, missing required ones and wrong types are 400 naming `fields.<name>`',
    example: { instagram: 'https://instagram.com/anna', audienceSize: 12000 },
  })
  @IsObject()
  fields: Record<string, unknown>;
}
