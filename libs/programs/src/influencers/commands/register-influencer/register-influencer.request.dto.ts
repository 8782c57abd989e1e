import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { CUSTOMER_REFS_MAX } from '../../../domain';
import { Name, OptionalId } from '../../../shared/common.request.dto';

export const EMAIL_CHARS_MAX = 320;

/** `profile/create`: registers an influencer, active at once. */
export class RegisterInfluencerRequest {
  @Name('Display name')
  name: string;

  @ApiProperty({ format: 'email', maxLength: EMAIL_CHARS_MAX, description: 'Stored trimmed and lower-case; used for self-referral checks' })
  @IsString()
  @MaxLength(EMAIL_CHARS_MAX)
  email: string;

  @ApiPropertyOptional({ type: [String], maxItems: CUSTOMER_REFS_MAX, description: 'The influencer\'s own customer refs (self-referral checks)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CUSTOMER_REFS_MAX)
  @IsString({ each: true })
  @Length(1, LIMITS.domain.nameChars, { each: true })
  customerRefs?: string[];

  @ApiPropertyOptional({ maxLength: LIMITS.domain.nameChars, example: 'gold' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.domain.nameChars)
  tier?: string;

  @OptionalId('The referring influencer (same org; 404 when unknown); earns the campaign\'s referral levels')
  parentId?: string;
}
