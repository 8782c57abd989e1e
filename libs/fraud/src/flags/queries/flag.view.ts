import { ApiProperty } from '@nestjs/swagger';
import { FRAUD_RULES } from '@ledger/contracts';
import type { Selectable } from 'kysely';
import type { FraudFlagTable } from '../read-models/fraud-flag/fraud-flag.table';

export class FlagReviewView {
  @ApiProperty({ enum: ['release', 'reverse'] }) decision: string;
  @ApiProperty() reasonCode: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() reviewedAt: string;
  @ApiProperty({ description: 'Actor id of the reviewer' }) reviewedBy: string;
  @ApiProperty({ nullable: true, type: String, description: 'The role the reviewer acted in' }) role: string | null;
}

export class FlagView {
  @ApiProperty() id: string;
  @ApiProperty() flagId: string;
  @ApiProperty({ enum: FRAUD_RULES }) rule: string;
  @ApiProperty() influencerId: string;
  @ApiProperty({ nullable: true, type: String }) orderId: string | null;
  @ApiProperty({ enum: ['open', 'released', 'reversed'] }) state: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the rule found (identities matched, claimants, counts, channels)' }) evidence: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Earnings the flag put on hold (kind fraud)' }) earningIds: string[];
  @ApiProperty() raisedAt: string;
  @ApiProperty() raisedBy: string;
  @ApiProperty({ type: FlagReviewView, nullable: true }) review: FlagReviewView | null;
}

export function flagViewOf(row: Selectable<FraudFlagTable>): FlagView {
  return {
    id: row.flag_id,
    flagId: row.flag_id,
    rule: row.rule,
    influencerId: row.influencer_id,
    orderId: row.order_id,
    state: row.state,
    evidence: row.evidence,
    earningIds: row.earning_ids,
    raisedAt: row.raised_at.toISOString(),
    raisedBy: row.raised_by,
    review:
      row.decision === null || row.reviewed_at === null
        ? null
        : { decision: row.decision, reasonCode: row.reason_code ?? '', note: row.note, reviewedAt: row.reviewed_at.toISOString(), reviewedBy: row.reviewed_by ?? '', role: row.reviewed_role },
  };
}
