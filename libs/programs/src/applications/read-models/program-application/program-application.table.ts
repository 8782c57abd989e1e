import type { ApplicationStatus, IntakeValues } from '@ledger/contracts';
import type { AppliedEventColumns, Json, NullableTimestamp, Timestamp } from '../../../shared/columns';

// program_application: one row per application (the review queue). Migration 2026-12-02T10-40-collaboration.
export interface ProgramApplicationTable extends AppliedEventColumns {
  org: string;
  application_id: string;
  campaign_id: string;
  name: string;
  email: string;
  fields: Json<IntakeValues>;
  status: ApplicationStatus;
  influencer_id: string | null;
  code: string | null;
  reason_code: string | null;
  note: string | null;
  submitted_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}

export interface ProgramApplicationPartialDB {
  program_application: ProgramApplicationTable;
}
