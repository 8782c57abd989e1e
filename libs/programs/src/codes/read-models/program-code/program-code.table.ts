import type { Channel, CodeKind, Discount } from '@ledger/contracts';
import type { AppliedEventColumns, NullableJson, NullableTimestamp, Timestamp } from '../../../shared/columns';

// program_code: one row per issued code (unique per org in its normalised spelling). Migration 2026-11-21T19-12-programs.
export interface ProgramCodeTable extends AppliedEventColumns {
  org: string;
  code_id: string;
  /** Normalised: trimmed, upper-case. */
  code: string;
  campaign_id: string;
  influencer_id: string;
  kind: CodeKind;
  discount: NullableJson<Discount>;
  /** Null: every channel of the campaign. */
  channels: NullableJson<Channel[]>;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  active: boolean;
  issued_at: Timestamp;
  deactivated_at: NullableTimestamp;
  deactivation_reason: string | null;
}

export interface ProgramCodePartialDB {
  program_code: ProgramCodeTable;
}
