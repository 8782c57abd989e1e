import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { LIMITS } from '@ledger/kernel';
import { Id } from '../../../shared/common.request.dto';
import { CampaignRulesRequest } from '../../campaign-rules.request.dto';
import { IsBusinessTime } from '@ledger/http';

/**
 * `campaign/update`: a new rules version, effective from `effectiveFrom` (default now). A partial
 * replacement: every rules field given replaces the current one wholesale, absent fields carry over,
 * `null` clears an optional field. `name` renames the campaign with the version.
 */
export class UpdateCampaignRulesRequest extends PartialType(CampaignRulesRequest) {
  @Id('Campaign id')
  campaignId: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Business time from which the new version applies (default: now); not before the current version' })
  @IsOptional()
  @IsBusinessTime()
  effectiveFrom?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.domain.nameChars, description: 'A new campaign name' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.domain.nameChars)
  name?: string;
}
