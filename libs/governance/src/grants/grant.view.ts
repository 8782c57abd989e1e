import { ApiProperty } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import { grantInForce } from '../domain';
import type { GovernanceGrantTable } from './read-models/governance-grant/governance-grant.table';

export const GRANT_STATES = ['scheduled', 'in_force', 'ended', 'revoked'] as const;
export type GrantStateName = (typeof GRANT_STATES)[number];

export class GrantView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) grantId: string;
  @ApiProperty() actorId: string;
  @ApiProperty() role: string;
  @ApiProperty({ format: 'date-time', description: 'Inclusive' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Exclusive; null: permanent' }) validUntil: string | null;
  @ApiProperty({ enum: GRANT_STATES, description: 'At the time of the answer' }) state: GrantStateName;
  @ApiProperty() grantedBy: string;
  @ApiProperty({ format: 'date-time' }) grantedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) revokeReasonCode: string | null;
}

export function grantStateAt(grant: { validFrom: string; validUntil?: string | undefined; revoked: boolean }, at: Date): GrantStateName {
  if (grant.revoked) return 'revoked';
  if (grantInForce(grant, at)) return 'in_force';
  return Date.parse(grant.validFrom) > at.getTime() ? 'scheduled' : 'ended';
}

export function grantViewOf(row: Selectable<GovernanceGrantTable>, at: Date): GrantView {
  const validFrom = row.valid_from.toISOString();
  const validUntil = row.valid_until?.toISOString() ?? null;
  return {
    id: row.grant_id,
    grantId: row.grant_id,
    actorId: row.actor_id,
    role: row.role,
    validFrom,
    validUntil,
    state: grantStateAt({ validFrom, ...(validUntil ? { validUntil } : {}), revoked: row.revoked_at !== null }, at),
    grantedBy: row.granted_by,
    grantedAt: row.granted_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
    revokeReasonCode: row.revoke_reason_code,
  };
}
