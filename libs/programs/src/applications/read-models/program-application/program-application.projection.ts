import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import { APPLICATION_EVENT_TYPES, type ApplicationEvent } from '../../../domain';
import { appliedEvent, json } from '../../../shared/columns';
import type { ReadModelProjection } from '../../../shared/read-model-projection';
import { updateStreamRow } from '../../../shared/stream-row';
import type { ProgramApplicationPartialDB } from './program-application.table';

/** program_application from the application streams; a row moves only forward in its stream's revisions. */
export const programApplicationProjection: ReadModelProjection<ProgramApplicationPartialDB> = {
  name: 'program_application',
  tables: ['program_application'],
  filter: { streamPrefixes: ['application-'], eventTypes: [...APPLICATION_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

async function applyEvent(trx: Transaction<ProgramApplicationPartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as ApplicationEvent;
  const org = recorded.metadata.org;
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const { applicationId, campaignId, name, email, fields, submittedAt } = event.data;
      await trx
        .insertInto('program_application')
        .values({
          org,
          application_id: applicationId,
          campaign_id: campaignId,
          name,
          email,
          fields: json(fields),
          status: 'applied',
          influencer_id: null,
          code: null,
          reason_code: null,
          note: null,
          submitted_at: submittedAt,
          decided_at: null,
          decided_by: null,
          ...appliedEvent(recorded),
        })
        .onConflict((oc) => oc.columns(['org', 'application_id']).doNothing())
        .execute();
      return;
    }
    case 'ApplicationApproved': {
      const { applicationId, influencerId, code, at } = event.data;
      return updateStreamRow(trx, 'program_application', { org, application_id: applicationId }, recorded, {
        status: 'approved',
        influencer_id: influencerId,
        code,
        decided_at: at,
        decided_by: recorded.metadata.actorId,
      });
    }
    case 'ApplicationRejected': {
      const { applicationId, reasonCode, note, at } = event.data;
      return updateStreamRow(trx, 'program_application', { org, application_id: applicationId }, recorded, {
        status: 'rejected',
        reason_code: reasonCode,
        note: note ?? null,
        decided_at: at,
        decided_by: recorded.metadata.actorId,
      });
    }
    default:
      return assertNever(event, `program_application received ${recorded.type}`);
  }
}
