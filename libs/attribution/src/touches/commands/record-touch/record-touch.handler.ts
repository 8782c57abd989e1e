import { Inject, Injectable } from '@nestjs/common';
import type { TouchRecorded } from '@ledger/contracts';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { CLOCK, deterministicId, type Clock } from '@ledger/kernel';
import { PROGRAM_CATALOG, type ProgramCatalog } from '../../../catalog/read-models/program-catalog';
import { validateCode } from '../../../domain';
import { businessTimeOf } from '../../business-time-of';
import { appendTouch } from '../../touch-recording';
import type { RecordTouchAnswer } from './record-touch.answer';
import type { RecordTouchRequest } from './record-touch.request.dto';

/**
 * A tracker's touch for a code that is usable at that time on that channel. An unusable or unknown
 * code is `{ recorded: false, reason }` (200), like code/apply's `valid: false`: trackers fire and
 * forget, and an unknown code of this org and a code of another org must look alike.
 */
@Injectable()
export class RecordTouchHandler {
  constructor(
    @Inject(PROGRAM_CATALOG) private readonly catalog: ProgramCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: RecordTouchRequest): Promise<RecordTouchAnswer> {
    const occurredAt = businessTimeOf(request.occurredAt, this.clock);
    const validation = validateCode(this.catalog.view(ctx.org), request.code, request.channel, occurredAt);
    if (!validation.valid) return withPosition({ recorded: false, reason: validation.reason }, null);

    const { code, kind, campaignId, influencerId } = validation;
    const touch: TouchRecorded = {
      // Trackers retry: the same kind of touch by the same customer on the same code at the same instant is one touch.
      touchId: deterministicId(ctx.org, 'touch', request.kind, code, request.customerRef, Date.parse(occurredAt)),
      code,
      codeKind: kind,
      touchKind: request.kind,
      campaignId,
      influencerId,
      channel: request.channel,
      customerRef: request.customerRef,
      occurredAt,
    };
    const position = await appendTouch(this.store, touch, eventMetadataFrom(ctx, { occurredAt }));
    return withPosition({ recorded: true, touchId: touch.touchId, campaignId, influencerId }, position);
  }
}
