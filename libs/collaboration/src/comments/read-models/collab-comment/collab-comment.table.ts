import type { CommentAttachment, CommentStatus } from '@ledger/contracts';
import type { AppliedEventColumns, Json, Timestamp } from '../../../shared/columns';

export interface CommentRevisionEntry { revision: number; body: string; by: string; at: string }
export interface CommentReportEntry { reasonCode: string; by: string; at: string }

// collab_comment: one row per comment, with its revision history. Migration 2026-12-02T10-40-collaboration.
export interface CollabCommentTable extends AppliedEventColumns {
  org: string;
  comment_id: string;
  subject_kind: string;
  subject_id: string;
  parent_id: string | null;
  author_id: string;
  /** The current body (the last revision). */
  body: string;
  attachments: Json<CommentAttachment[]>;
  status: CommentStatus;
  /** Every body the comment had, revision 1 (as posted) first. */
  revisions: Json<CommentRevisionEntry[]>;
  reports: Json<CommentReportEntry[]>;
  posted_at: Timestamp;
  updated_at: Timestamp;
}

export interface CollabCommentPartialDB {
  collab_comment: CollabCommentTable;
}
