import { sql, type Transaction } from 'kysely';
import type { CampaignRules, CampaignStatus } from '@ledger/contracts';
import type { RecordedEvent } from '@ledger/event-store';
import { assertNever } from '@ledger/kernel';
import type { CampaignEvent } from '../../../domain';
import { appliedEvent, json } from '../../../shared/columns';
import { updateStreamRow } from '../../../shared/stream-row';
import type { CampaignStatusChange, ProgramCampaignPartialDB } from './program-campaign.table';
import type { ReadModelProjection } from '../../../shared/read-model-projection';

const EVENT_TYPES = ['CampaignCreated', 'CampaignRulesChanged', 'CampaignActivated', 'CampaignPaused', 'CampaignClosed'] as const;
type ProjectedEvent = Extract<CampaignEvent, { type: (typeof EVENT_TYPES)[number] }>;
type Trx = Transaction<ProgramCampaignPartialDB>;

/**
 * program_campaign (status, current rules) and program_campaign_rules_version (every version) from
 * the campaign streams. Versions are keyed by (org, campaign, version) and inserted once; the campaign
 * row moves only forward in its stream's revisions. Costs have their own read model.
 */
export const programCampaignProjection: ReadModelProjection<ProgramCampaignPartialDB> = {
  name: 'program_campaign',
  tables: ['program_campaign', 'program_campaign_rules_version'],
  filter: { streamPrefixes: ['campaign-'], eventTypes: [...EVENT_TYPES] },
  async apply(trx, events) {
    for (const recorded of events) await applyEvent(trx, recorded);
  },
};

async function applyEvent(trx: Trx, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as unknown as ProjectedEvent;
  const org = recorded.metadata.org;
  switch (event.type) {
    case 'CampaignCreated': {
      const { campaignId, name, rules, createdAt } = event.data;
      const created: CampaignStatusChange = { status: 'draft', at: createdAt };
      await trx
        .insertInto('program_campaign')
        .values({
          org,
          campaign_id: campaignId,
          name,
          status: 'draft',
          rules_version: 1,
          rules: json(rules),
          rules_effective_from: createdAt,
          created_at: createdAt,
          activated_at: null,
          closed_at: null,
          status_changed_at: createdAt,
          status_history: json([created]),
          ...appliedEvent(recorded),
        })
        .onConflict((oc) => oc.columns(['org', 'campaign_id']).doNothing())
        .execute();
      return insertVersion(trx, recorded, { campaignId, version: 1, effectiveFrom: createdAt, rules, renamedTo: null });
    }
    case 'CampaignRulesChanged': {
      const { campaignId, name, rulesVersion, effectiveFrom, rules } = event.data;
      await insertVersion(trx, recorded, { campaignId, version: rulesVersion, effectiveFrom, rules, renamedTo: name ?? null });
      return updateCampaign(trx, recorded, campaignId, {
        ...(name === undefined ? {} : { name }),
        rules_version: rulesVersion,
        rules: json(rules),
        rules_effective_from: effectiveFrom,
      });
    }
    case 'CampaignActivated':
      return changeStatus(trx, recorded, event.data.campaignId, { status: 'active', at: event.data.at }, {
        activated_at: sql`coalesce(program_campaign.activated_at, ${event.data.at}::timestamptz)`,
      });
    case 'CampaignPaused':
      return changeStatus(trx, recorded, event.data.campaignId, withReason('paused', event.data.at, event.data.reasonCode));
    case 'CampaignClosed':
      return changeStatus(trx, recorded, event.data.campaignId, withReason('closed', event.data.at, event.data.reasonCode), { closed_at: event.data.at });
    default:
      return assertNever(event, `program_campaign received ${recorded.type}`);
  }
}

function withReason(status: CampaignStatus, at: string, reasonCode: string | undefined): CampaignStatusChange {
  return reasonCode === undefined ? { status, at } : { status, at, reasonCode };
}

function changeStatus(trx: Trx, recorded: RecordedEvent, campaignId: string, change: CampaignStatusChange, extra: Record<string, unknown> = {}): Promise<void> {
  return updateCampaign(trx, recorded, campaignId, {
    status: change.status,
    status_changed_at: change.at,
    // Appending is safe here: updateStreamRow applies each revision once, in stream order.
    status_history: sql`program_campaign.status_history || ${json([change])}::jsonb`,
    ...extra,
  });
}

function updateCampaign(trx: Trx, recorded: RecordedEvent, campaignId: string, changes: Record<string, unknown>): Promise<void> {
  return updateStreamRow(trx, 'program_campaign', { org: recorded.metadata.org, campaign_id: campaignId }, recorded, changes);
}

async function insertVersion(
  trx: Trx,
  recorded: RecordedEvent,
  version: { campaignId: string; version: number; effectiveFrom: string; rules: CampaignRules; renamedTo: string | null },
): Promise<void> {
  await trx
    .insertInto('program_campaign_rules_version')
    .values({
      org: recorded.metadata.org,
      campaign_id: version.campaignId,
      rules_version: version.version,
      effective_from: version.effectiveFrom,
      renamed_to: version.renamedTo,
      rules: json(version.rules),
      recorded_at: recorded.recordedAt,
      commit_position: recorded.position.commit.toString(),
      prepare_position: recorded.position.prepare.toString(),
    })
    .onConflict((oc) => oc.columns(['org', 'campaign_id', 'rules_version']).doNothing())
    .execute();
}
