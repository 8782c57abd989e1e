import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CHANNELS, CODE_KINDS, type Channel, type CodeKind } from '@ledger/contracts';
import { LIMITS } from '@ledger/kernel';
import { Id } from '../../../shared/common.request.dto';
import { OptionalDiscount, type DiscountRequest } from '../../../shared/discount.request.dto';
import { IsBusinessTime } from '@ledger/http';

/** `code/create`: issues a code that ties an influencer to a campaign. */
export class IssueCodeRequest {
  @Id('Campaign id (same org; 404 when unknown)')
  campaignId: string;

  @Id('Influencer id (same org; 404 when unknown)')
  influencerId: string;

  @ApiProperty({ description: 'Letters, digits, _ and -; stored trimmed and upper-case; unique per org', example: 'ANNA10', maxLength: LIMITS.domain.codeChars })
  @IsString()
  // Room for stray spaces around the code; normaliseCode checks the trimmed length.
  @Length(1, LIMITS.domain.codeChars * 2)
  code: string;

  @ApiProperty({ enum: CODE_KINDS })
  @IsIn(CODE_KINDS)
  kind: CodeKind;

  @OptionalDiscount('Discount the customer gets with this code')
  discount?: DiscountRequest;

  @ApiPropertyOptional({ enum: CHANNELS, isArray: true, description: 'Channels the code is valid on (default: every channel of the campaign)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHANNELS.length)
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ format: 'date-time', description: 'Business time from which the code is valid, inclusive; may lie before its issuance (backfills) (default: from issuance)' })
  @IsOptional()
  @IsBusinessTime()
  validFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Business time until which the code is valid, inclusive (default: no end)' })
  @IsOptional()
  @IsBusinessTime()
  validUntil?: string;
}
