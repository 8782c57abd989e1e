import type { ColumnType } from 'kysely';
import type { InboxState, InboxStatus } from '@ledger/contracts';
import type { AppliedEventColumns, NullableJson, Timestamp } from '../../../shared/columns';

export interface InboxCause { eventId: string; type: string; stream: string }

// collab_inbox_item: one row per inbox item. Migration 2026-12-02T10-40-collaboration.
export interface CollabInboxItemTable extends AppliedEventColumns {
  org: string;
  inbox_item_id: string;
  kind: string;
  subject_kind: string;
  subject_id: string;
  title: string;
  body: string | null;
  /** text[]: pg hands it back as a string array; written as an array literal. */
  roles: ColumnType<string[], string, string>;
  status: InboxStatus;
  state: InboxState;
  cause: NullableJson<InboxCause>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CollabInboxItemPartialDB {
  collab_inbox_item: CollabInboxItemTable;
}
