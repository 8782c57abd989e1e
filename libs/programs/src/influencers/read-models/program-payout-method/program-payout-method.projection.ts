import type { PayoutMethodSet } from '@ledger/contracts';
import { appliedEvent, json } from '../../../shared/columns';
import type { ReadModelProjection } from '../../../shared/read-model-projection';
import type { ProgramPayoutMethodPartialDB } from './program-payout-method.table';

/** program_payout_method from PayoutMethodSet on influencer streams; a row moves only forward in its stream's revisions. */
export const programPayoutMethodProjection: ReadModelProjection<ProgramPayoutMethodPartialDB> = {
  name: 'program_payout_method',
  tables: ['program_payout_method'],
  filter: { streamPrefixes: ['influencer-'], eventTypes: ['PayoutMethodSet'] },
  async apply(trx, events) {
    for (const recorded of events) {
      const data = recorded.data as unknown as PayoutMethodSet;
      const row = { method: data.destination.method, destination: json(data.destination), set_at: data.at, ...appliedEvent(recorded) };
      await trx
        .insertInto('program_payout_method')
        .values({ org: recorded.metadata.org, influencer_id: data.influencerId, ...row })
        .onConflict((oc) => oc.columns(['org', 'influencer_id']).doUpdateSet(row).where('program_payout_method.last_revision', '<', recorded.revision.toString() as never))
        .execute();
    }
  },
};
