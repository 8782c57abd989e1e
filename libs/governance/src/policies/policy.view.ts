import { ApiProperty } from '@nestjs/swagger';
import type { PolicySet } from '@ledger/contracts';
import { CLAWBACK_AFTER_PAID, PAYOUT_SCHEDULES } from '@ledger/contracts';

export class PayoutPolicyView {
  @ApiProperty({ enum: PAYOUT_SCHEDULES }) schedule: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { amount: { type: 'integer' }, currency: { type: 'string' } } }, example: { EUR: { amount: 5000, currency: 'EUR' } } })
  minPayoutByCurrency: Record<string, { amount: number; currency: string }>;
}

export class ClawbackPolicyView {
  @ApiProperty({ enum: CLAWBACK_AFTER_PAID }) afterPaid: string;
}

/** The org's policy as it stands; a part never set is null (no org-wide rule: campaigns' own minPayout apply). */
export class PolicyView {
  @ApiProperty({ type: PayoutPolicyView, nullable: true }) payout: PayoutPolicyView | null;
  @ApiProperty({ type: ClawbackPolicyView, nullable: true }) clawback: ClawbackPolicyView | null;
  @ApiProperty({ description: 'Changes so far; 0: never set' }) version: number;
  @ApiProperty({ type: String, nullable: true }) setBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) setAt: string | null;
}

export function policyViewOf(last: PolicySet | null): PolicyView {
  return {
    payout: last?.policy.payout ?? null,
    clawback: last?.policy.clawback ?? null,
    version: last?.version ?? 0,
    setBy: last?.setBy ?? null,
    setAt: last?.at ?? null,
  };
}
