import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, executeOnStream, type EventStore } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { CLOCK, randomId, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { fraudFlagDecider } from '../../../domain';
import { fraudFlagStream } from '../../../shared/fraud-streams';
import type { ReviewFlagAnswer, ReviewFlagRequest } from './review-flag.request.dto';

/**
 * A person's decision on a flag, recorded on the flag's stream with their actor, role and reason code.
 * The fraud process manager carries it out on the ledger (releases, or clawbacks referencing the flag)
 * under the same actor and role; the flag stream is the org's (another org's flag id is not there: 404).
 */
@Injectable()
export class ReviewFlagHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: ReviewFlagRequest): Promise<ReviewFlagAnswer> {
    const now = this.clock.now().toISOString();
    const note = request.note === undefined ? {} : { note: request.note };
    const outcome = await executeOnStream(
      this.store,
      fraudFlagStream(ctx.org, request.flagId),
      fraudFlagDecider,
      { type: 'ReviewFraudFlag', data: { flagId: request.flagId, decision: request.decision, reasonCode: request.reasonCode, ...note, now } },
      { eventId: () => randomId(), metadata: () => ({ ...eventMetadataFrom(ctx, { occurredAt: now }), reasonCode: request.reasonCode }) },
    );
    return withPosition({ id: request.flagId, flagId: request.flagId, state: request.decision === 'release' ? ('released' as const) : ('reversed' as const) }, outcome.position);
  }
}
