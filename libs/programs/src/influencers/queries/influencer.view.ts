import { ApiProperty } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import type { RegisteredStatus } from '../../domain';
import type { ProgramInfluencerTable } from '../read-models/program-influencer/program-influencer.table';

/** An influencer profile as profile/get and profile/list show it. */
export class InfluencerView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: [String] }) customerRefs: string[];
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The referring influencer' }) parentId: string | null;
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status: RegisteredStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Reason code of the last status change' }) statusReason: string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ format: 'date-time' }) statusChangedAt: string;
}

export function influencerViewOf(row: Selectable<ProgramInfluencerTable>): InfluencerView {
  return {
    id: row.influencer_id,
    name: row.name,
    email: row.email,
    customerRefs: row.customer_refs,
    tier: row.tier,
    parentId: row.parent_id,
    status: row.status,
    statusReason: row.status_reason,
    registeredAt: row.registered_at.toISOString(),
    statusChangedAt: row.status_changed_at.toISOString(),
  };
}
