import { Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { formatPosition } from '@ledger/event-store';
import { ReadOnly, Roles } from '@ledger/http';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '@ledger/runtime';
import { AUDIT_ROLES } from '../read-stream/read-stream.http.controller';

export class ProjectionStatusItem {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['projection', 'process_manager'] }) kind: 'projection' | 'process_manager';
  @ApiProperty({ description: 'Whether a runner holds the projection now; a process manager only holds its lock during a batch, so it reads false' })
  running: boolean;
  @ApiPropertyOptional({ nullable: true }) checkpoint: string | null;
  @ApiPropertyOptional({ nullable: true }) head: string | null;
  @ApiProperty({ description: 'Events behind the head (bounded count)' }) lagEvents: number;
  @ApiProperty({ description: 'Its events parked and not resolved or skipped (`npm run cli -- parked list`)' }) parked: number;
}

export class ProjectionStatusAnswer {
  @ApiProperty({ type: [ProjectionStatusItem] }) items: ProjectionStatusItem[];
}

/** Where every read model stands: what an auditor checks before trusting a report. */
@ApiTags('audit')
@Controller('influencer/projection')
export class ProjectionStatusController {
  constructor(@Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress) {}

  @Post('status')
  @ReadOnly()
  @Roles(...AUDIT_ROLES)
  @ApiOperation({ summary: 'Checkpoint, head, lag and parked events of every projection' })
  @ApiOkResponse({ type: ProjectionStatusAnswer })
  async status(): Promise<ProjectionStatusAnswer> {
    const items = await this.progress.status();
    return {
      items: items.map((s) => ({
        name: s.name,
        kind: s.kind ?? 'projection',
        running: s.running,
        checkpoint: s.checkpoint ? formatPosition(s.checkpoint) : null,
        head: s.head ? formatPosition(s.head) : null,
        lagEvents: s.lagEvents,
        parked: s.parked ?? 0,
      })),
    };
  }
}
