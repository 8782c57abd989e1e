import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditEvent {
  @ApiProperty() eventId: string;
  @ApiProperty() type: string;
  @ApiProperty() revision: number;
  @ApiProperty({ description: 'Position in $all (`<commit>-<prepare>`)' }) position: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'org, actor, role, cost centre, correlation and causation ids, source ref, schema version, business time' })
  metadata: Record<string, unknown>;
  @ApiProperty() recordedAt: string;
}

export class ReadStreamAnswer {
  @ApiProperty() stream: string;
  @ApiProperty({ type: [AuditEvent] }) events: AuditEvent[];
  @ApiPropertyOptional({ nullable: true, description: 'fromRevision of the next page; null at the end' }) nextRevision: number | null;
}
