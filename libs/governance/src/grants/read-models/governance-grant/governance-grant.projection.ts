import type { Transaction } from 'kysely';
import type { GrantCreated, GrantRevoked } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import type { GovernanceGrantPartialDB } from './governance-grant.table';

export const GRANT_EVENT_TYPES = ['GrantCreated', 'GrantRevoked'] as const;

/** What @ledger/projections' registry needs of a projection (restated: this lib does not load that one). */
export interface GovernanceProjection<DB> {
  readonly name: string;
  readonly tables: readonly string[];
  readonly filter: { streamPrefixes: string[]; eventTypes: string[] };
  apply(trx: Transaction<DB>, events: RecordedEvent[]): Promise<void>;
}

/**
 * governance_grant from the grant streams. Replay-safe: a creation inserts once (ON CONFLICT DO
 * NOTHING) and a revocation sets the same values again; a revocation can only follow its creation
 * in the grant's own stream, so the row exists when it arrives.
 */
export const governanceGrantProjection: GovernanceProjection<GovernanceGrantPartialDB> = {
  name: 'governance_grant',
  tables: ['governance_grant'],
  filter: { streamPrefixes: ['grant-'], eventTypes: [...GRANT_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

type GrantEvent = { type: 'GrantCreated'; data: GrantCreated } | { type: 'GrantRevoked'; data: GrantRevoked };

async function applyEvent(trx: Transaction<GovernanceGrantPartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as GrantEvent;
  const org = recorded.metadata.org;
  switch (event.type) {
    case 'GrantCreated': {
      const { grantId, actorId, role, validFrom, validUntil, grantedBy, grantedAt } = event.data;
      await trx
        .insertInto('governance_grant')
        .values({
          org,
          grant_id: grantId,
          actor_id: actorId,
          role,
          valid_from: validFrom,
          valid_until: validUntil ?? null,
          granted_by: grantedBy,
          granted_at: grantedAt,
          revoked_at: null,
          revoked_by: null,
          revoke_reason_code: null,
          created_commit_position: recorded.position.commit.toString(),
          created_prepare_position: recorded.position.prepare.toString(),
        })
        .onConflict((oc) => oc.columns(['org', 'grant_id']).doNothing())
        .execute();
      return;
    }
    case 'GrantRevoked': {
      const { grantId, revokedBy, reasonCode, at } = event.data;
      await trx
        .updateTable('governance_grant')
        .set({ revoked_at: at, revoked_by: revokedBy, revoke_reason_code: reasonCode })
        .where('org', '=', org)
        .where('grant_id', '=', grantId)
        .execute();
      return;
    }
    default:
      return assertNever(event, `governance_grant received ${recorded.type}`);
  }
}
