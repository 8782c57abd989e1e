import { ApiProperty } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import { REWARD_STATUSES, type RewardCandidateTable, type RewardOrderTable } from '../../read-models/reward-queue/reward-queue.table';

class MoneyView {
  @ApiProperty() amount: number;
  @ApiProperty() currency: string;
}

export class RewardCandidateView {
  @ApiProperty() earningId: string;
  @ApiProperty({ enum: REWARD_STATUSES }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The referrer: { influencerId, level } (level 2+: a referral share of the level-1 earning)' }) referrer: { influencerId: string; level: number };
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '{ customerRef } of the order' }) referredCustomer: { customerRef: string } | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Attribution basis: campaign, rules version, model, code, touch, window' }) eligibility: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The conversion event: { orderId, channel, occurredAt, sourceRef }' }) conversion: Record<string, unknown>;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ type: MoneyView }) clawedBack: MoneyView;
  @ApiProperty({ description: 'The ledger state of the earning' }) earningState: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ fraudCheck: { result, rulesRun, flagIds } | null, flagIds, openFlagIds }' }) flags: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: '{ disputeId, state }' }) dispute: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ status: none | in_batch | approved, batchId, approvedBy, role, approvedAt }' }) approval: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ status: unpaid | paid, payoutId, paidAt, paid }' }) payment: Record<string, unknown>;
}

export type CandidateRow = Selectable<RewardCandidateTable> & Pick<Selectable<RewardOrderTable>, 'customer_ref' | 'basis' | 'fraud_check'>;

export function rewardCandidateViewOf(row: CandidateRow): RewardCandidateView {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    earningId: row.earning_id,
    status: row.status,
    referrer: { influencerId: row.influencer_id, level: row.level },
    referredCustomer: row.customer_ref === null ? null : { customerRef: row.customer_ref },
    eligibility: { campaignId: row.campaign_id, rulesVersion: row.rules_version, level: row.level, basis: row.basis },
    conversion: { orderId: row.order_id, channel: row.channel, occurredAt: row.occurred_at.toISOString(), sourceRef: row.source_ref },
    amount: money(row.amount_minor),
    clawedBack: money(row.clawed_back_minor),
    earningState: row.earning_state,
    flags: { fraudCheck: row.fraud_check, flagIds: row.flag_ids, openFlagIds: row.open_flag_ids },
    dispute: row.dispute as Record<string, unknown> | null,
    approval: row.approval !== null ? { status: 'approved', ...row.approval } : { status: row.batch_id === null ? 'none' : 'in_batch', batchId: row.batch_id },
    payment: { status: row.earning_state === 'paid' ? 'paid' : 'unpaid', payoutId: row.payout_id, paidAt: row.paid_at?.toISOString() ?? null, paid: money(row.paid_minor) },
  };
}
