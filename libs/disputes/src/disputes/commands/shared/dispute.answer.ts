import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { withPosition } from '@ledger/http';
import type { DisputeStep } from './dispute-commands.service';

export class DisputeSubjectView {
  @ApiProperty({ enum: ['earning', 'attribution', 'payout'] }) kind: string;
  @ApiProperty() id: string;
}

export class DisputeAnswer {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) disputeId: string;
  @ApiProperty({ enum: ['open', 'under_review', 'resolved', 'rejected', 'withdrawn'] }) state: string;
  @ApiProperty({ type: DisputeSubjectView }) subject: DisputeSubjectView;
  @ApiProperty() influencerId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The earning the dispute is about (an attribution: its level-1 earning)' }) earningId: string | null;
  @ApiProperty({ description: 'Opening it put a dispute hold on the earning (released when it is resolved, rejected or withdrawn)' }) held: boolean;
  @ApiProperty() openedBy: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) respondBy: string | null;
  @ApiPropertyOptional({ type: Object, description: 'When resolved: { kind, amount?, influencerId? }' }) resolution?: unknown;
  @ApiProperty({ type: String, nullable: true }) position: string | null;
}

export function disputeAnswer(step: DisputeStep): DisputeAnswer {
  const s = step.state;
  const answer = {
    id: s.disputeId, disputeId: s.disputeId, state: s.status, subject: s.subject, influencerId: s.influencerId, earningId: s.earningId ?? null,
    held: s.held, openedBy: s.openedBy, respondBy: s.respondBy ?? null, ...(s.status === 'resolved' ? { resolution: s.resolution } : {}),
  };
  return withPosition(answer, step.position);
}

