import type { EventMetadata } from '@ledger/event-store';
import { assert } from '@ledger/kernel';
import type { RequestContext } from './request-context';

/**
 * The metadata every event appended on behalf of a request carries (ARCHITECTURE rule 5):
 * org, actor, acting role, cost centre and correlation id come from the request context.
 */
export function eventMetadataFrom(
  ctx: RequestContext,
  fields: { occurredAt: string; schemaVersion?: number; causationId?: string; sourceRef?: string },
): EventMetadata {
  assert(ctx.authenticated, 'event metadata needs an authenticated request context');
  const metadata: EventMetadata = {
    org: ctx.org,
    actorId: ctx.actorId,
    correlationId: ctx.correlationId,
    schemaVersion: fields.schemaVersion ?? 1,
    occurredAt: fields.occurredAt,
  };
  if (ctx.actingRole) metadata.role = ctx.actingRole;
  if (ctx.costCentre) metadata.costCentre = ctx.costCentre;
  if (fields.causationId) metadata.causationId = fields.causationId;
  if (fields.sourceRef) metadata.sourceRef = fields.sourceRef;
  return metadata;
}
