import type { CampaignRules, CampaignStatus } from '@ledger/contracts';
import type { AppliedEventColumns, Json, NullableTimestamp, Timestamp } from '../../../shared/columns';

// program_campaign: one row per campaign with its status and current rules; program_campaign_rules_version:
// every rules version (1 = creation). Migration 2026-11-21T19-12-programs.

export interface CampaignStatusChange {
  status: CampaignStatus;
  at: string;
  reasonCode?: string;
}

export interface ProgramCampaignTable extends AppliedEventColumns {
  org: string;
  campaign_id: string;
  name: string;
  status: CampaignStatus;
  rules_version: number;
  rules: Json<CampaignRules>;
  rules_effective_from: Timestamp;
  created_at: Timestamp;
  /** First activation; null while never activated. */
  activated_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  status_changed_at: Timestamp;
  /** Every status the campaign has had, oldest first (draft at creation). */
  status_history: Json<CampaignStatusChange[]>;
}

export interface ProgramCampaignRulesVersionTable {
  org: string;
  campaign_id: string;
  rules_version: number;
  effective_from: Timestamp;
  /** The name this version gave the campaign; null when it kept the name. */
  renamed_to: string | null;
  rules: Json<CampaignRules>;
  /** When the event store recorded the change (audit), not business time. */
  recorded_at: Timestamp;
  commit_position: string;
  prepare_position: string;
}

export interface ProgramCampaignPartialDB {
  program_campaign: ProgramCampaignTable;
  program_campaign_rules_version: ProgramCampaignRulesVersionTable;
}
