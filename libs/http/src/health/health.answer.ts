import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const HEALTH_STATUSES = ['ready', 'degraded', 'not_ready'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/**
 * What a failed check reports instead of its error's text: the text can carry host names, users, SQL or a
 * driver's internals, and /health details reach more people than the logs. The raw error is logged.
 */
export const HEALTH_ERROR_CODES = [
  'database_unreachable',
  'database_timeout',
  'event_store_unreachable',
  'event_store_timeout',
  'projection_status_unavailable',
  'projection_status_timeout',
  'parked_status_unavailable',
  'parked_status_timeout',
] as const;
export type HealthErrorCode = (typeof HEALTH_ERROR_CODES)[number];

class ProbeResult {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'How long the probe took' }) ms: number;
  @ApiPropertyOptional({ enum: HEALTH_ERROR_CODES, description: 'Why the probe failed (a code; the error itself is in the log)' }) error?: HealthErrorCode;
}

class EventStoreProbe extends ProbeResult {
  @ApiProperty({ type: String, nullable: true, description: 'Head position of $all' }) head: string | null;
}

class ProjectionHealth {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['projection', 'process_manager'], description: 'A process manager is listed for its lag; readiness ignores its `running`' })
  kind: 'projection' | 'process_manager';
  @ApiProperty() running: boolean;
  @ApiProperty({ description: 'Events between the store head and the checkpoint' }) lagEvents: number;
  @ApiProperty({ type: String, nullable: true }) checkpoint: string | null;
}

class ProjectionsProbe extends ProbeResult {
  @ApiProperty({ type: [ProjectionHealth] }) items: ProjectionHealth[];
}

class ParkedConsumerHealth {
  @ApiProperty({ description: 'A projection, process manager or the NATS consumer' }) consumer: string;
  @ApiProperty({ description: 'Events parked and not resolved or skipped (`npm run cli -- parked list`)' }) parked: number;
}

class ParkedProbe extends ProbeResult {
  @ApiProperty({ type: [ParkedConsumerHealth], description: 'Consumers with parked events; empty when nothing is parked' }) items: ParkedConsumerHealth[];
}

export class HealthChecks {
  @ApiProperty() database: ProbeResult;
  @ApiProperty() eventStore: EventStoreProbe;
  @ApiProperty() projections: ProjectionsProbe;
  @ApiProperty() parked: ParkedProbe;
}

export class HealthAnswer {
  @ApiProperty({
    enum: HEALTH_STATUSES,
    description: 'ready (200); degraded (503): everything runs, but some events are parked; not_ready (503): a dependency is down or a projection is stopped',
  })
  status: HealthStatus;
  @ApiPropertyOptional({ description: 'When the status was computed (it is shared for LIMITS.http.healthCacheMs = 1 s). Only with details.' })
  computedAt?: string;
  @ApiPropertyOptional({
    type: HealthChecks,
    description: 'Only for a JWT with inf_auditor, inf_admin or inf_owner, or `Authorization: Bearer <METRICS_TOKEN>`; absent for anonymous callers',
  })
  checks?: HealthChecks;
}
