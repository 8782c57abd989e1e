import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles, withPosition } from '@ledger/http';
import { CLOCK, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { payoutBatchDecider, type Batch } from '../../../domain';
import { batchAnswer, PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_LEDGER, type PayoutLedger } from '../../payout-ledger.port';
import { PAYOUT_COMMAND_ROLES } from '../../payout-roles';
import { existingBatch, loadBatch } from '../load-batch';
import { CancelPayoutBatchRequest } from './cancel-batch.request.dto';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';

@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class CancelPayoutBatchController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('cancel')
  @HttpCode(200)
  @Roles(...PAYOUT_COMMAND_ROLES)
  @ApiOperation({ summary: 'Before execution: the batch is cancelled and its earnings are payable again (unlocked), at once' })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  async cancel(@Ctx() ctx: RequestContext, @Body() body: CancelPayoutBatchRequest): Promise<PayoutBatchCommandAnswer> {
    const now = this.clock.now().toISOString();
    const known = await loadBatch(this.store, ctx.org, body.batchId);
    const earnings = [...known.items.values()].flatMap((item) => item.earnings.map((e) => ({ earningId: e.earningId, itemId: item.itemId })));
    const outcome = await this.ledger.decide<Batch>(ctx.org, body.batchId, earnings.map((e) => e.earningId), eventMetadataFrom(ctx, { occurredAt: now }), (state) => {
      const batch = existingBatch(state, body.batchId);
      const events = payoutBatchDecider.decide({ type: 'CancelPayoutBatch', data: { cancelledBy: ctx.actorId, reasonCode: body.reasonCode, now } }, batch);
      const steps = events.length === 0 ? [] : earnings.map((e) => ({ kind: 'unfinalize' as const, earningId: e.earningId, itemId: e.itemId, reasonCode: body.reasonCode }));
      return { events, steps, result: events.reduce((s, e) => payoutBatchDecider.evolve(s, e) as Batch, batch) };
    });
    return withPosition(batchAnswer(outcome.result), outcome.position);
  }
}
