import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES, type ApplicationStatus, type IntakeValues } from '@ledger/contracts';
import type { Selectable } from 'kysely';
import { isoOrNull } from '../../shared/columns';
import type { ProgramApplicationTable } from '../read-models/program-application/program-application.table';

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) fields: IntakeValues;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiPropertyOptional({ nullable: true, description: 'Approved: the profile created' }) influencerId: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Approved: the code issued' }) code: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Rejected: why' }) reasonCode: string | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Actor who approved or rejected' }) decidedBy: string | null;
}

export function applicationViewOf(row: Selectable<ProgramApplicationTable>): ApplicationView {
  return {
    id: row.application_id,
    campaignId: row.campaign_id,
    name: row.name,
    email: row.email,
    fields: row.fields,
    status: row.status,
    influencerId: row.influencer_id,
    code: row.code,
    reasonCode: row.reason_code,
    note: row.note,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: isoOrNull(row.decided_at),
    decidedBy: row.decided_by,
  };
}
