import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ProbeResult {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'How long the probe took' }) ms: number;
  @ApiPropertyOptional({ description: 'Why the probe failed' }) error?: string;
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

class HealthChecks {
  @ApiProperty() database: ProbeResult;
  @ApiProperty() eventStore: EventStoreProbe;
  @ApiProperty() projections: ProjectionsProbe;
  @ApiProperty() parked: ParkedProbe;
}

export class HealthAnswer {
  @ApiProperty({ enum: ['ready', 'degraded', 'not_ready'], description: 'degraded (503): everything runs, but some events are parked (checks.parked names the consumers)' })
  status: 'ready' | 'degraded' | 'not_ready';
  @ApiProperty() checks: HealthChecks;
}
