import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CampaignRules, CampaignStatus } from '@ledger/contracts';
import type { Selectable } from 'kysely';
import { isoOrNull } from '../../shared/columns';
import type { ProgramCampaignTable } from '../read-models/program-campaign/program-campaign.table';

const STATUSES = ['draft', 'active', 'paused', 'closed'];

export class CampaignStatusChangeView {
  @ApiProperty({ enum: STATUSES }) status: CampaignStatus;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional() reasonCode?: string;
}

/** A campaign as campaign/list shows it. */
export class CampaignSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STATUSES }) status: CampaignStatus;
  @ApiProperty() rulesVersion: number;
  @ApiProperty({ format: 'date-time' }) rulesEffectiveFrom: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
}

export class CampaignRulesVersionView {
  @ApiProperty() rulesVersion: number;
  @ApiProperty({ format: 'date-time' }) effectiveFrom: string;
  @ApiPropertyOptional({ description: 'Set when this version renamed the campaign' }) renamedTo?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The full rules of this version, defaults explicit' }) rules: CampaignRules;
  @ApiProperty({ format: 'date-time', description: 'When the change was recorded' }) recordedAt: string;
}

export class CampaignCostTotalView {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty() currency: string;
}

/** campaign/get: the campaign, its current rules, every version and its costs per currency. */
export class CampaignView extends CampaignSummaryView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The current version\'s rules' }) rules: CampaignRules;
  @ApiProperty({ type: [CampaignStatusChangeView] }) statusHistory: CampaignStatusChangeView[];
  @ApiProperty({ type: [CampaignRulesVersionView], description: 'Oldest first' }) versions: CampaignRulesVersionView[];
  @ApiProperty({ type: [CampaignCostTotalView] }) costTotals: CampaignCostTotalView[];
}

export function campaignSummaryOf(row: Selectable<ProgramCampaignTable>): CampaignSummaryView {
  return {
    id: row.campaign_id,
    name: row.name,
    status: row.status,
    rulesVersion: row.rules_version,
    rulesEffectiveFrom: row.rules_effective_from.toISOString(),
    createdAt: row.created_at.toISOString(),
    activatedAt: isoOrNull(row.activated_at),
    closedAt: isoOrNull(row.closed_at),
    statusChangedAt: row.status_changed_at.toISOString(),
  };
}
