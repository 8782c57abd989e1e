import { Inject, Injectable } from '@nestjs/common';
import { sql, type Kysely } from 'kysely';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { assert, CLOCK, Conflict, LIMITS, randomId, type Clock } from '@ledger/kernel';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { grantDecider } from '../../../domain';
import { authorityOf } from '../../../shared/authority';
import { decideOnStream } from '../../../shared/governance-commands';
import { grantStream } from '../../../shared/governance-streams';
import { GrantVisibility } from '../../grant-visibility';
import { grantStateAt, type GrantView } from '../../grant.view';
import type { GovernanceGrantPartialDB } from '../../read-models/governance-grant/governance-grant.table';
import type { CreateGrantRequest } from './create-grant.request.dto';

/** CreateGrant: a new grant stream; answers once the grant is in this process's effective-roles lookup. */
@Injectable()
export class CreateGrantHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Kysely<GovernanceGrantPartialDB>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly visibility: GrantVisibility,
  ) {}

  async execute(ctx: RequestContext, request: CreateGrantRequest): Promise<GrantView & { position: string | null }> {
    const now = this.clock.now();
    await this.refuseBeyondOpenGrantLimit(ctx.org, request.actorId, now);
    const grantId = randomId();
    const command = {
      type: 'CreateGrant' as const,
      data: {
        grantId,
        actorId: request.actorId,
        role: request.role,
        ...(request.validFrom === undefined ? {} : { validFrom: new Date(request.validFrom).toISOString() }),
        ...(request.validUntil === undefined ? {} : { validUntil: new Date(request.validUntil).toISOString() }),
        by: authorityOf(ctx),
        now: now.toISOString(),
      },
    };
    const outcome = await decideOnStream(this.store, ctx, grantStream(ctx.org, grantId), grantDecider, command, now.toISOString());
    const created = outcome.events[0]!;
    assert(created.type === 'GrantCreated', 'CreateGrant decides GrantCreated');
    await this.visibility.awaitVisible(ctx.org, request.actorId, grantId, outcome.position);
    const { validFrom, validUntil, grantedBy, grantedAt } = created.data;
    return withPosition(
      {
        id: grantId,
        grantId,
        actorId: request.actorId,
        role: request.role,
        validFrom,
        validUntil: validUntil ?? null,
        state: grantStateAt({ validFrom, validUntil, revoked: false }, now),
        grantedBy,
        grantedAt,
        revokedAt: null,
        revokedBy: null,
        revokeReasonCode: null,
      },
      outcome.position,
    );
  }

  /** The lookup reads an actor's open grants in one bounded query, so there may not be more of them. */
  private async refuseBeyondOpenGrantLimit(org: string, actorId: string, now: Date): Promise<void> {
    const { open } = await this.db
      .selectFrom('governance_grant')
      .select((eb) => eb.fn.countAll<number>().as('open'))
      .where('org', '=', org)
      .where('actor_id', '=', actorId)
      .where('revoked_at', 'is', null)
      .where(sql<boolean>`(valid_until is null or valid_until > ${now.toISOString()}::timestamptz)`)
      .executeTakeFirstOrThrow();
    if (Number(open) >= LIMITS.governance.openGrantsPerActor) {
      throw new Conflict('GOVERNANCE.TOO_MANY_GRANTS', `Actor ${actorId} holds ${LIMITS.governance.openGrantsPerActor} open grants, the most one actor may: revoke some first.`);
    }
  }
}
