import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import { INBOX_STATES, INBOX_STATUSES, type InboxState, type InboxStatus } from '@ledger/contracts';
import type { CollabInboxItemTable, InboxCause } from '../read-models/collab-inbox-item/collab-inbox-item.table';

class InboxSubjectView {
  @ApiProperty() kind: string;
  @ApiProperty() id: string;
}

class InboxCauseView {
  @ApiProperty() eventId: string;
  @ApiProperty() type: string;
  @ApiProperty() stream: string;
}

export class InboxItemView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'hold', description: 'hold, fraud_flag, dispute, payout_batch (automatic) or the kind given to inbox/create' }) kind: string;
  @ApiProperty({ type: InboxSubjectView }) subject: { kind: string; id: string };
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true }) body: string | null;
  @ApiProperty({ type: [String], description: 'Roles that must act' }) roles: string[];
  @ApiProperty({ enum: INBOX_STATUSES }) status: InboxStatus;
  @ApiProperty({ enum: INBOX_STATES }) state: InboxState;
  @ApiPropertyOptional({ type: InboxCauseView, nullable: true, description: 'The event that created it (automatic items)' }) cause: InboxCause | null;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export function inboxItemViewOf(row: Selectable<CollabInboxItemTable>): InboxItemView {
  return {
    id: row.inbox_item_id,
    kind: row.kind,
    subject: { kind: row.subject_kind, id: row.subject_id },
    title: row.title,
    body: row.body,
    roles: row.roles,
    status: row.status,
    state: row.state,
    cause: row.cause,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
