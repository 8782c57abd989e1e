import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import type { Channel, CodeKind, Discount } from '@ledger/contracts';
import { isoOrNull } from '../../../shared/columns';
import type { ProgramCodeTable } from '../../read-models/program-code/program-code.table';

export class CodeView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'ANNA10' }) code: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() influencerId: string;
  @ApiProperty({ enum: ['coupon', 'link', 'qr', 'in_store'] }) kind: CodeKind;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) discount: Discount | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every channel of the campaign' }) channels: Channel[] | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivatedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) deactivationReason: string | null;
  @ApiPropertyOptional({ description: 'Link codes only' }) shareUrl?: string;
}

export function codeViewOf(row: Selectable<ProgramCodeTable>, shareUrl: string | undefined): CodeView {
  return {
    id: row.code_id,
    code: row.code,
    campaignId: row.campaign_id,
    influencerId: row.influencer_id,
    kind: row.kind,
    discount: row.discount,
    channels: row.channels,
    validFrom: isoOrNull(row.valid_from),
    validUntil: isoOrNull(row.valid_until),
    active: row.active,
    issuedAt: row.issued_at.toISOString(),
    deactivatedAt: isoOrNull(row.deactivated_at),
    deactivationReason: row.deactivation_reason,
    ...(shareUrl === undefined ? {} : { shareUrl }),
  };
}
