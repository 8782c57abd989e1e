import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, formatPosition, parseStreamName, type EventStore } from '@ledger/event-store';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { LIMITS, NotFound, ValidationFailed } from '@ledger/kernel';
import { ReadStreamAnswer } from './read-stream.answer';
import { ReadStreamRequest } from './read-stream.request.dto';

export const AUDIT_ROLES = ['inf_owner', 'inf_admin', 'inf_auditor', 'inf_finance', 'inf_fraud_reviewer'];

/**
 * Auditors replay the raw history of any stream of their org (influencer, campaign, order, code,
 * customer) with every event's metadata, straight from the event store: no read model between.
 */
@ApiTags('audit')
@Controller('influencer/audit')
export class ReadStreamController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post('stream')
  @ReadOnly()
  @Roles(...AUDIT_ROLES)
  @ApiOperation({ summary: "A stream's raw events with metadata (actor, role, cost centre, correlation, causation, source ref)" })
  @ApiOkResponse({ type: ReadStreamAnswer })
  async read(@Ctx() ctx: RequestContext, @Body() body: ReadStreamRequest): Promise<ReadStreamAnswer> {
    const org = orgOfStream(body.stream);
    if (org === null) throw new ValidationFailed([{ field: 'stream', problem: 'must be a stream name `<category>-<org>.<id>` (or `<category>-<org>` for an org-wide stream)' }]);
    // Another org's stream is as unknown as a stream that does not exist.
    if (org !== ctx.org) throw new NotFound('AUDIT.STREAM_NOT_FOUND', `No stream ${body.stream}.`);
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    const events = await this.store.readStream(body.stream, { fromRevision: BigInt(body.fromRevision ?? 0), maxCount: limit + 1 });
    if (events.length === 0 && (body.fromRevision ?? 0) === 0) throw new NotFound('AUDIT.STREAM_NOT_FOUND', `No stream ${body.stream}.`);
    const page = events.slice(0, limit);
    return {
      stream: body.stream,
      events: page.map((e) => ({
        eventId: e.id,
        type: e.type,
        revision: Number(e.revision),
        position: formatPosition(e.position),
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt,
      })),
      nextRevision: events.length > limit ? Number(events[limit]!.revision) : null,
    };
  }
}

/**
 * The org of any stream kind: `<category>-<org>.<id>` (every per-entity stream: influencer, campaign,
 * code, customer, order, conversion, earning, earningmonth, payout, dispute, fraud…) or `<category>-<org>`
 * (an org-wide stream such as policy-<org>). Null: not a stream name.
 */
export function orgOfStream(stream: string): string | null {
  try {
    return parseStreamName(stream).org;
  } catch {
    const whole = /^[a-z][a-z0-9_]*-([A-Za-z0-9_-]+)$/.exec(stream);
    return whole ? whole[1]! : null;
  }
}
