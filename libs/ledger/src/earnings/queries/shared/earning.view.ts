// How an earning row reads over HTTP (earning/list items; earning/get adds history and evidence).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import type { EarningReference, LedgerEarningTable } from '../../read-models/earning-ledger/earning-ledger.table';

export class MoneyView {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

export class HoldView {
  @ApiProperty({ enum: ['period', 'manual', 'fraud', 'dispute'] }) kind: string;
  @ApiProperty() reasonCode: string;
}

export class EarningReferenceView {
  @ApiProperty({ enum: ['order', 'return', 'cancellation', 'fraud', 'reversal', 'modification', 'original_earning', 'dispute'] }) kind: string;
  @ApiProperty() id: string;
  @ApiPropertyOptional({ description: 'The source reference of the fact (SCM sourceRef)' }) sourceRef?: string;
  @ApiPropertyOptional({ description: 'Clawed back for this reference, minor units' }) amount?: number;
}

export class EarningItem {
  @ApiProperty({ format: 'uuid' }) earningId: string;
  @ApiProperty({ enum: ['commission', 'make_good'], description: 'commission: accrued from an order; make_good: granted by hand' }) kind: string;
  @ApiProperty() influencerId: string;
  @ApiProperty() campaignId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a make-good that names no original earning' }) orderId: string | null;
  @ApiProperty({ type: String, nullable: true }) channel: string | null;
  @ApiProperty({ description: '1: the attributed influencer; 2+: referral levels' }) level: number;
  @ApiProperty({ enum: ['pending', 'held', 'payable', 'paid', 'clawed_back'] }) state: string;
  @ApiProperty({ type: MoneyView, description: 'The commission now: accrued + adjustments' }) amount: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'As accrued (or granted, for a make-good)' }) accrued: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Sum of adjustments (earning/adjust)' }) adjustments: MoneyView;
  @ApiProperty({ type: MoneyView }) clawedBack: MoneyView;
  @ApiProperty({ type: MoneyView }) paid: MoneyView;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'End of the period hold placed at accrual' }) holdUntil: string | null;
  @ApiProperty({ type: HoldView, nullable: true, description: 'The hold in force, when held' }) hold: HoldView | null;
  @ApiProperty() rulesVersion: number;
  @ApiProperty({ format: 'date-time', description: "The order's business time" }) occurredAt: string;
  @ApiProperty({ type: [EarningReferenceView], description: 'The order that accrued it, then each return/cancellation that clawed it back' }) references: EarningReferenceView[];
}

export function earningItemOf(row: Selectable<LedgerEarningTable>): EarningItem {
  const money = (amount: number): MoneyView => ({ amount: Number(amount), currency: row.currency });
  return {
    earningId: row.earning_id,
    kind: row.kind,
    influencerId: row.influencer_id,
    campaignId: row.campaign_id,
    orderId: row.order_id === '' ? null : row.order_id,
    channel: row.channel === '' ? null : row.channel,
    level: row.level,
    state: row.state,
    amount: money(row.amount_minor),
    accrued: money(Number(row.amount_minor) - Number(row.adjustments_minor)),
    adjustments: money(row.adjustments_minor),
    clawedBack: money(row.clawed_back_minor),
    paid: money(row.paid_minor),
    holdUntil: row.hold_until ? isoOf(row.hold_until) : null,
    hold: row.hold_kind && row.hold_reason_code ? { kind: row.hold_kind, reasonCode: row.hold_reason_code } : null,
    rulesVersion: row.rules_version,
    occurredAt: isoOf(row.occurred_at),
    references: row.refs as unknown as EarningReference[],
  };
}

export function isoOf(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
