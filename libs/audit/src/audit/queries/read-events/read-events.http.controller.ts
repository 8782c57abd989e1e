import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, formatPosition, parsePosition, type EventStore, type Position } from '@ledger/event-store';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';
import { AuditEvent } from '../read-stream/read-stream.answer';
import { AUDIT_ROLES } from '../read-stream/read-stream.http.controller';
import { ReadEventsRequest } from './read-events.request.dto';

export class AuditEventInAll extends AuditEvent {
  @ApiProperty({ description: 'The stream it belongs to' }) stream: string;
}

export class ReadEventsAnswer {
  @ApiProperty({ type: [AuditEventInAll] }) events: AuditEventInAll[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'fromPosition of the next page; null once the head was reached. A page may hold fewer than `limit` events (even none) and still have a next one: each request scans a bounded part of $all',
  })
  nextPosition: string | null;
}

/**
 * $all for auditors, their own org only, in commit order with every event's metadata. Every request
 * scans at most LIMITS.audit.eventsScanMax events (other orgs' are skipped, never shown), so a page is
 * bounded in work whatever the mix of orgs; `nextPosition` continues where the scan stopped.
 */
@ApiTags('audit')
@Controller('influencer/audit')
export class ReadEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post('events')
  @ReadOnly()
  @Roles(...AUDIT_ROLES)
  @ApiOperation({ summary: "The org's events in $all order with metadata, filtered by type, paged by position" })
  @ApiOkResponse({ type: ReadEventsAnswer })
  async read(@Ctx() ctx: RequestContext, @Body() body: ReadEventsRequest): Promise<ReadEventsAnswer> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    let after: Position | null = body.fromPosition ? parsePosition(body.fromPosition) : null;
    const events: AuditEventInAll[] = [];
    let scanned = 0;
    while (events.length < limit && scanned < LIMITS.audit.eventsScanMax) {
      const maxCount = Math.min(LIMITS.eventStore.readBatchEvents, LIMITS.audit.eventsScanMax - scanned);
      const read = await this.store.readAll({ after, maxCount, ...(body.types ? { filter: { eventTypes: body.types } } : {}) });
      for (const e of read) {
        after = e.position;
        scanned++;
        if (e.metadata.org !== ctx.org) continue;
        events.push({ stream: e.stream, eventId: e.id, type: e.type, revision: Number(e.revision), position: formatPosition(e.position), data: e.data, metadata: e.metadata, recordedAt: e.recordedAt });
        if (events.length === limit) break;
      }
      if (read.length < maxCount) return { events, nextPosition: events.length === limit ? formatPosition(after!) : null };
    }
    return { events, nextPosition: after ? formatPosition(after) : null };
  }
}
