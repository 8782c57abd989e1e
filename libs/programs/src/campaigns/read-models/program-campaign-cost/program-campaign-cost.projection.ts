import type { CampaignCostRecorded } from '@ledger/contracts';
import type { ProgramCampaignCostPartialDB } from './program-campaign-cost.table';
import type { ReadModelProjection } from '../../../shared/read-model-projection';

/** program_campaign_cost: one row per (org, campaign, costId), inserted once (costs are idempotent by id). */
export const programCampaignCostProjection: ReadModelProjection<ProgramCampaignCostPartialDB> = {
  name: 'program_campaign_cost',
  tables: ['program_campaign_cost'],
  filter: { streamPrefixes: ['campaign-'], eventTypes: ['CampaignCostRecorded'] },
  async apply(trx, events) {
    const rows = events.map((recorded) => {
      const cost = recorded.data as unknown as CampaignCostRecorded;
      return {
        org: recorded.metadata.org,
        campaign_id: cost.campaignId,
        cost_id: cost.costId,
        amount_minor: String(cost.amount.amount),
        currency: cost.amount.currency,
        channel: cost.channel ?? null,
        note: cost.note ?? null,
        incurred_at: cost.incurredAt,
        recorded_at: recorded.recordedAt,
        commit_position: recorded.position.commit.toString(),
        prepare_position: recorded.position.prepare.toString(),
      };
    });
    if (rows.length === 0) return;
    // One statement per batch (≤ the runtime's batch size).
    await trx
      .insertInto('program_campaign_cost')
      .values(rows)
      .onConflict((oc) => oc.columns(['org', 'campaign_id', 'cost_id']).doNothing())
      .execute();
  },
};
