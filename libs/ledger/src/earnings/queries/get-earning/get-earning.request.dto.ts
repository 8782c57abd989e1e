import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { EvidenceView } from '../shared/earning-evidence.view';
import { EarningItem, MoneyView } from '../shared/earning.view';

/** `earning/get`. */
export class GetEarningRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  earningId: string;
}

export class BucketsView {
  @ApiProperty({ type: MoneyView }) pending: MoneyView;
  @ApiProperty({ type: MoneyView }) held: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Negative only after a clawback of a paid earning (recovered from the next payout)' }) payable: MoneyView;
  @ApiProperty({ type: MoneyView }) paid: MoneyView;
  @ApiProperty({ type: MoneyView }) clawedBack: MoneyView;
}

export class TransitionView {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ enum: ['EarningAccrued', 'HoldPlaced', 'HoldReleased', 'EarningClawedBack', 'EarningPaid', 'EarningAdjusted', 'MakeGoodGranted'] }) type: string;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: MoneyView, nullable: true, description: 'Accrued, clawed back or paid by this transition' }) amount: MoneyView | null;
  @ApiProperty({ type: String, nullable: true, enum: ['period', 'manual', 'fraud', 'dispute'] }) holdKind: string | null;
  @ApiProperty({ description: "Who: a person's token subject, or system:attribution / system:release-due" }) actorId: string;
  @ApiProperty({ type: String, nullable: true, description: 'The X-Actor-Role it was done in' }) role: string | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Source reference of the fact behind it (SCM sourceRef)' }) sourceRef: string | null;
  @ApiPropertyOptional({ description: 'What it references: { kind: return | cancellation | fraud | payout, id }' }) reference: { kind: string; id: string } | null;
  @ApiProperty({ type: String, nullable: true }) costCentre: string | null;
  @ApiProperty({ type: String, nullable: true }) correlationId: string | null;
  @ApiProperty({ type: String, nullable: true }) causationId: string | null;
  @ApiProperty({ format: 'date-time', description: 'Business time of the transition' }) at: string;
  @ApiProperty({ format: 'date-time', description: 'When the event store recorded it' }) recordedAt: string;
}

/** One adjustment of the earning (earning/adjust, an import row, a dispute's resolution), oldest first. */
export class AdjustmentView {
  @ApiProperty() modificationId: string;
  @ApiProperty({ type: MoneyView }) previousAmount: MoneyView;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ type: MoneyView }) delta: MoneyView;
  @ApiProperty({ description: "true: recalculated with the terms in force at the modification, not the earning's recorded version" }) applyCurrentTerms: boolean;
  @ApiProperty() rulesVersion: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The corrected commission base, when recalculated' }) commissionBase: number | null;
  @ApiProperty({ type: String, nullable: true }) disputeId: string | null;
  @ApiProperty({ type: String, nullable: true }) reasonCode: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty() actorId: string;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class EarningDetail extends EarningItem {
  @ApiProperty({ type: [AdjustmentView], description: 'Every adjustment, oldest first (also among the transitions)' }) adjustmentHistory: AdjustmentView[];
  @ApiProperty({ type: BucketsView }) buckets: BucketsView;
  @ApiProperty({ description: 'Source reference of the order that accrued it' }) sourceRef: string;
  @ApiProperty({ type: EvidenceView }) evidence: EvidenceView;
  @ApiProperty({ type: [TransitionView], description: 'Every transition, oldest first' }) transitions: TransitionView[];
}
