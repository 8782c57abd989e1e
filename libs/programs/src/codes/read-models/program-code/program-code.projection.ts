import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import { CODE_EVENT_TYPES, type CodeEvent } from '../../../domain';
import { appliedEvent, json } from '../../../shared/columns';
import { updateStreamRow } from '../../../shared/stream-row';
import type { ProgramCodePartialDB } from './program-code.table';
import type { ReadModelProjection } from '../../../shared/read-model-projection';

/** program_code from the code streams: inserted on CodeIssued, marked inactive on CodeDeactivated. */
export const programCodeProjection: ReadModelProjection<ProgramCodePartialDB> = {
  name: 'program_code',
  tables: ['program_code'],
  filter: { streamPrefixes: ['code-'], eventTypes: [...CODE_EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

async function applyEvent(trx: Transaction<ProgramCodePartialDB>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as CodeEvent;
  const org = recorded.metadata.org;
  switch (event.type) {
    case 'CodeIssued': {
      const code = event.data;
      await trx
        .insertInto('program_code')
        .values({
          org,
          code_id: code.codeId,
          code: code.code,
          campaign_id: code.campaignId,
          influencer_id: code.influencerId,
          kind: code.kind,
          discount: code.discount === undefined ? null : json(code.discount),
          channels: code.channels === undefined ? null : json(code.channels),
          valid_from: code.validFrom ?? null,
          valid_until: code.validUntil ?? null,
          active: true,
          issued_at: code.issuedAt,
          deactivated_at: null,
          deactivation_reason: null,
          ...appliedEvent(recorded),
        })
        .onConflict((oc) => oc.columns(['org', 'code_id']).doNothing())
        .execute();
      return;
    }
    case 'CodeDeactivated':
      return updateStreamRow(trx, 'program_code', { org, code_id: event.data.codeId }, recorded, {
        active: false,
        deactivated_at: event.data.at,
        deactivation_reason: event.data.reasonCode ?? null,
      });
    default:
      return assertNever(event, `program_code received ${recorded.type}`);
  }
}
