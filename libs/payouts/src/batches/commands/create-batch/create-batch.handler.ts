import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '@ledger/event-store';
import { withPosition } from '@ledger/http';
import { CLOCK, LIMITS, randomId, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { EmptyBatch, payoutBatchDecider, planBatch, type Batch, type BatchPlan, type CandidateEarning } from '../../../domain';
import { batchAnswer, type PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_LEDGER, type PayoutLedger, type PayoutSources } from '../../payout-ledger.port';
import { existingBatch } from '../load-batch';
import type { CreatePayoutBatchRequest } from './create-batch.request.dto';

/**
 * Plans the batch from the read models (who has what payable, minimums, destinations, holds), then decides it
 * again on the earnings' own streams and appends PayoutBatchCreated with an EarningFinalized per earning in one
 * atomic append. An earning a concurrent batch locked meanwhile is refused by the ledger's decider — this
 * decision leaves it out — so no earning is ever in two open batches.
 */
@Injectable()
export class CreatePayoutBatchHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(ctx: RequestContext, request: CreatePayoutBatchRequest): Promise<PayoutBatchCommandAnswer> {
    const now = this.clock.now().toISOString();
    const batchId = randomId();
    const sources = await this.ledger.sources(ctx.org, request.currency);
    const draft = plan(batchId, request.currency, sources, sources.earnings);
    if (draft.items.length === 0) throw new EmptyBatch(request.currency);
    const chosen = new Set(draft.items.map((item) => item.influencerId));
    const earningIds = draft.items.flatMap((item) => item.earnings.map((e) => e.earningId));
    const outcome = await this.ledger.decide<Batch>(ctx.org, batchId, earningIds, eventMetadataFrom(ctx, { occurredAt: now }), (state, earnings) => {
      // Fresh balances from the streams; what is locked elsewhere (or no longer payable) drops out.
      const fresh: CandidateEarning[] = [...earnings.values()]
        .filter((view) => view.finalizable && view.currency === request.currency && chosen.has(view.influencerId))
        .map((view) => ({ earningId: view.earningId, influencerId: view.influencerId, campaignId: view.campaignId, balance: view.balance }));
      const final = plan(batchId, request.currency, sources, fresh);
      const skipped = [...draft.skipped, ...final.skipped];
      const events = payoutBatchDecider.decide(
        { type: 'CreatePayoutBatch', data: { batchId, currency: request.currency, asOf: request.asOf ?? now, createdBy: ctx.actorId, items: final.items, skipped, skippedCount: skipped.length, now } },
        state,
      );
      const steps = final.items.flatMap((item) => item.earnings.map((e) => ({ kind: 'finalize' as const, earningId: e.earningId, itemId: item.itemId })));
      let created = state;
      for (const event of events) created = payoutBatchDecider.evolve(created, event);
      return { events, steps, result: existingBatch(created, batchId) };
    });
    return withPosition(batchAnswer(outcome.result), outcome.position);
  }
}

function plan(batchId: string, currency: string, sources: PayoutSources, earnings: CandidateEarning[]): BatchPlan {
  return planBatch({
    batchId, currency, earnings, minPayouts: sources.minPayouts, destinations: sources.destinations, onHold: sources.onHold,
    maxItems: LIMITS.payouts.itemsPerBatch, maxEarnings: LIMITS.payouts.earningsPerBatch,
  });
}
