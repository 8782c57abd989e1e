import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { assert, CLOCK, isUuid, NotFound, type Clock } from '@ledger/kernel';
import type { RequestContext } from '@ledger/runtime';
import { grantDecider } from '../../../domain';
import { authorityOf } from '../../../shared/authority';
import { decideOnStream } from '../../../shared/governance-commands';
import { grantStream } from '../../../shared/governance-streams';
import { GrantVisibility } from '../../grant-visibility';
import type { GrantView } from '../../grant.view';
import type { RevokeGrantRequest } from './revoke-grant.request.dto';

/** RevokeGrant: the grant stops giving its role; answers once this process's lookup no longer sees it. */
@Injectable()
export class RevokeGrantHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly visibility: GrantVisibility,
  ) {}

  async execute(ctx: RequestContext, request: RevokeGrantRequest): Promise<GrantView & { position: string | null }> {
    // Grant ids are UUIDs; anything else names no grant (and may not make a stream name).
    if (!isUuid(request.grantId)) throw new NotFound('GOVERNANCE.GRANT_NOT_FOUND', `Grant ${request.grantId} does not exist.`);
    const now = this.clock.now().toISOString();
    const command = { type: 'RevokeGrant' as const, data: { grantId: request.grantId, reasonCode: request.reasonCode, by: authorityOf(ctx), now } };
    const stream = grantStream(ctx.org, request.grantId);
    const outcome = await decideOnStream(this.store, ctx, stream, grantDecider, command, now);
    const revoked = outcome.events[0]!;
    assert(revoked.type === 'GrantRevoked', 'RevokeGrant decides GrantRevoked');
    await this.visibility.awaitVisible(ctx.org, revoked.data.actorId, request.grantId, outcome.position);
    const created = (await this.store.readStream(stream, { maxCount: 1 }))[0];
    assert(created?.type === 'GrantCreated', 'a grant stream starts with GrantCreated');
    const grant = created.data as { validFrom: string; validUntil?: string; grantedBy: string; grantedAt: string };
    return withPosition(
      {
        id: request.grantId,
        grantId: request.grantId,
        actorId: revoked.data.actorId,
        role: revoked.data.role,
        validFrom: grant.validFrom,
        validUntil: grant.validUntil ?? null,
        state: 'revoked' as const,
        grantedBy: grant.grantedBy,
        grantedAt: grant.grantedAt,
        revokedAt: revoked.data.at,
        revokedBy: revoked.data.revokedBy,
        revokeReasonCode: revoked.data.reasonCode,
      },
      outcome.position,
    );
  }
}
