import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import { INFLUENCER_PROFILE_EVENT_TYPES, type InfluencerProfileEvent, type RegisteredStatus } from '../../../domain';
import { appliedEvent, json } from '../../../shared/columns';
import { updateStreamRow } from '../../../shared/stream-row';
import type { ProgramInfluencerPartialDB } from './program-influencer.table';
import type { ReadModelProjection } from '../../../shared/read-model-projection';

/**
 * program_influencer from the profile events of the influencer streams (the same streams carry the
 * earning ledger; the filter leaves those out). The row moves only forward in its stream's revisions.
 */
export const programInfluencerProjection: ReadModelProjection<ProgramInfluencerPartialDB> = {
  name: 'program_influencer',
  tables: ['program_influencer'],
  filter: { streamPrefixes: ['influencer-'], eventTypes: [...INFLUENCER_PROFILE_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

async function applyEvent(trx: Transaction<ProgramInfluencerPartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as InfluencerProfileEvent;
  const org = recorded.metadata.org;
  const changeStatus = (influencerId: string, status: RegisteredStatus, at: string, reasonCode: string | undefined) =>
    updateStreamRow(trx, 'program_influencer', { org, influencer_id: influencerId }, recorded, {
      status,
      status_reason: reasonCode ?? null,
      status_changed_at: at,
    });
  switch (event.type) {
    case 'InfluencerRegistered': {
      const { influencerId, name, email, customerRefs, tier, parentId, registeredAt } = event.data;
      await trx
        .insertInto('program_influencer')
        .values({
          org,
          influencer_id: influencerId,
          name,
          email,
          customer_refs: json(customerRefs),
          tier: tier ?? null,
          parent_id: parentId ?? null,
          status: 'active',
          status_reason: null,
          registered_at: registeredAt,
          status_changed_at: registeredAt,
          ...appliedEvent(recorded),
        })
        .onConflict((oc) => oc.columns(['org', 'influencer_id']).doNothing())
        .execute();
      return;
    }
    case 'InfluencerSuspended':
      return changeStatus(event.data.influencerId, 'suspended', event.data.at, event.data.reasonCode);
    case 'InfluencerReactivated':
      return changeStatus(event.data.influencerId, 'active', event.data.at, event.data.reasonCode);
    case 'InfluencerTerminated':
      return changeStatus(event.data.influencerId, 'terminated', event.data.at, event.data.reasonCode);
    default:
      return assertNever(event, `program_influencer received ${recorded.type}`);
  }
}
