// What order/record, order/return and order/cancel share: parse the body with the SCM parser, run
// the one fact through the batched intake (the same path as scm/ingest and NATS), answer or throw.
import { ApiProperty } from '@nestjs/swagger';
import { withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { ValidationFailed } from '@ledger/kernel';
import { INTEGRATION_ROLE } from '@ledger/contracts';
import { parseScmFact, type ScmFactType } from '../scm-fact';
import type { ScmIntake } from '../scm-intake';

export class ScmCommandAnswer {
  @ApiProperty() orderId: string;
  @ApiProperty({ description: 'false when this fact was known already (a redelivery): nothing was appended' }) recorded: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Send back as X-Consistency-Position to read your write' }) position: string | null;
}

/** SCM intake: the owner and admins, and an integration's machine token (no full-admin token needed). */
export const SCM_ROLES = ['inf_owner', 'inf_admin', INTEGRATION_ROLE] as const;

export async function runScmCommand(intake: ScmIntake, ctx: RequestContext, type: ScmFactType, body: unknown): Promise<ScmCommandAnswer> {
  const parsed = parseScmFact(type, body);
  if (!parsed.ok) throw new ValidationFailed(parsed.problems);
  const { fact } = parsed;
  const metadata = eventMetadataFrom(ctx, { occurredAt: fact.data.occurredAt, sourceRef: fact.data.sourceRef });
  const { results } = await intake.ingest([{ org: ctx.org, fact, metadata }]);
  const result = results[0]!;
  if (result.status === 'rejected') throw result.error;
  return withPosition({ orderId: result.orderId, recorded: result.status === 'recorded' }, result.position);
}
