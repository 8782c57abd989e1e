import type { Channel } from '@ledger/contracts';
import type { Int8, Timestamp } from '../../../shared/columns';

// program_campaign_cost: one row per recorded campaign cost (for ROI). Migration 2026-11-21T19-12-programs.
export interface ProgramCampaignCostTable {
  org: string;
  campaign_id: string;
  cost_id: string;
  amount_minor: Int8;
  currency: string;
  channel: Channel | null;
  note: string | null;
  incurred_at: Timestamp;
  recorded_at: Timestamp;
  commit_position: string;
  prepare_position: string;
}

export interface ProgramCampaignCostPartialDB {
  program_campaign_cost: ProgramCampaignCostTable;
}
