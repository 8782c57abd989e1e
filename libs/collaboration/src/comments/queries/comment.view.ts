import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import { COMMENT_STATUSES, type CommentAttachment, type CommentStatus } from '@ledger/contracts';
import { COMMENT_MODERATOR_ROLES } from '../../shared/collaboration-roles';
import type { CollabCommentTable } from '../read-models/collab-comment/collab-comment.table';

export class SubjectView {
  @ApiProperty() kind: string;
  @ApiProperty() id: string;
}

export class AttachmentView {
  @ApiProperty() name: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() size: number;
  @ApiProperty() url: string;
}

export class RevisionView {
  @ApiProperty({ description: '1 = as posted' }) revision: number;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Actor' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class CommentView {
  @ApiProperty() id: string;
  @ApiProperty({ type: SubjectView }) subject: SubjectView;
  @ApiPropertyOptional({ nullable: true, description: 'The comment this one replies to' }) parentId: string | null;
  @ApiProperty() authorId: string;
  @ApiProperty({ nullable: true, description: 'The current body; null on a hidden comment unless you moderate (inf_owner, inf_admin)' }) body: string | null;
  @ApiProperty({ type: [AttachmentView], description: 'Empty on a hidden comment unless you moderate' }) attachments: CommentAttachment[];
  @ApiProperty({ enum: COMMENT_STATUSES }) status: CommentStatus;
  @ApiProperty({ description: 'How many revisions it has (1: never revised)' }) revision: number;
  @ApiProperty({ description: 'Actors who reported it' }) reports: number;
  @ApiProperty({ format: 'date-time' }) postedAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CommentDetailView extends CommentView {
  @ApiProperty({ type: [RevisionView], description: 'Every body it had, oldest first (empty on a hidden comment unless you moderate)' }) revisions: RevisionView[];
}

export function commentViewOf(row: Selectable<CollabCommentTable>): CommentView {
  return {
    id: row.comment_id,
    subject: { kind: row.subject_kind, id: row.subject_id },
    parentId: row.parent_id,
    authorId: row.author_id,
    body: row.body,
    attachments: row.attachments,
    status: row.status,
    revision: row.revisions.length,
    reports: row.reports.length,
    postedAt: row.posted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function commentDetailOf(row: Selectable<CollabCommentTable>): CommentDetailView {
  return { ...commentViewOf(row), revisions: row.revisions.map(({ revision, body, by, at }) => ({ revision, body, by, at })) };
}

/** What a hidden comment shows to those who may not unhide it: that it exists, not what it said. */
export function visibleTo<V extends CommentView & { revisions?: RevisionView[] }>(view: V, roles: readonly string[]): V {
  if (view.status !== 'hidden' || roles.some((role) => (COMMENT_MODERATOR_ROLES as readonly string[]).includes(role))) return view;
  return { ...view, body: null, attachments: [], ...(view.revisions === undefined ? {} : { revisions: [] }) };
}
