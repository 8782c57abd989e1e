import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import type { DisputeCaseTable } from '../../read-models/dispute-case/dispute-case.table';

export class DisputeItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) disputeId: string;
  @ApiProperty({ enum: ['open', 'under_review', 'resolved', 'rejected', 'withdrawn'] }) state: string;
  @ApiProperty({ type: Object, description: '{ kind: earning | attribution | payout, id }' }) subject: { kind: string; id: string };
  @ApiProperty() influencerId: string;
  @ApiProperty({ type: String, nullable: true }) earningId: string | null;
  @ApiProperty() reasonCode: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [Object], description: 'Evidence metadata: name, mediaType, url, size, note' }) evidence: unknown[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) respondBy: string | null;
  @ApiProperty({ description: 'respondBy has passed while the dispute is still open or under review' }) overdue: boolean;
  @ApiProperty() held: boolean;
  @ApiProperty() openedBy: string;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'When resolved: { kind, amount?, influencerId?, note, modificationIds }' }) resolution: unknown;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DisputeDetail extends DisputeItem {
  @ApiProperty({ type: [Object], description: 'Every step: type, by, role, at, reasonCode, note' }) history: unknown[];
}

export function disputeItemOf(row: Selectable<DisputeCaseTable>, nowMs: number): DisputeItem {
  const respondBy = row.respond_by ? new Date(row.respond_by) : null;
  return {
    id: row.dispute_id, disputeId: row.dispute_id, state: row.state, subject: { kind: row.subject_kind, id: row.subject_id }, influencerId: row.influencer_id,
    earningId: row.earning_id, reasonCode: row.reason_code, description: row.description, evidence: row.evidence as unknown[],
    respondBy: respondBy?.toISOString() ?? null, overdue: respondBy !== null && respondBy.getTime() < nowMs && (row.state === 'open' || row.state === 'under_review'),
    held: row.held, openedBy: row.opened_by, resolution: row.resolution ?? null, openedAt: new Date(row.opened_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}
