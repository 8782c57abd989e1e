import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles, withPosition } from '@ledger/http';
import { CLOCK, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { payoutBatchDecider, PayoutItemNotFound, type Batch } from '../../../domain';
import { batchAnswer, PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_LEDGER, type PayoutLedger } from '../../payout-ledger.port';
import { PAYOUT_COMMAND_ROLES } from '../../payout-roles';
import { existingBatch, loadBatch } from '../load-batch';
import { CancelPayoutItemRequest } from './cancel-item.request.dto';

@ApiTags('payouts')
@Controller('influencer/payout/item')
export class CancelPayoutItemController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('cancel')
  @HttpCode(200)
  @Roles(...PAYOUT_COMMAND_ROLES)
  @ApiOperation({ summary: 'A failed item (not one that timed out: retry it first, 409 outcome_unknown) is cancelled and its earnings are payable again' })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  async cancel(@Ctx() ctx: RequestContext, @Body() body: CancelPayoutItemRequest): Promise<PayoutBatchCommandAnswer> {
    const now = this.clock.now().toISOString();
    const item = (await loadBatch(this.store, ctx.org, body.batchId)).items.get(body.itemId);
    if (item === undefined) throw new PayoutItemNotFound(body.batchId, body.itemId);
    const outcome = await this.ledger.decide<Batch>(ctx.org, body.batchId, item.earnings.map((e) => e.earningId), eventMetadataFrom(ctx, { occurredAt: now }), (state) => {
      const batch = existingBatch(state, body.batchId);
      const events = payoutBatchDecider.decide({ type: 'CancelPayoutItem', data: { itemId: body.itemId, reasonCode: body.reasonCode, now } }, batch);
      const steps = events.length === 0 ? [] : item.earnings.map((e) => ({ kind: 'unfinalize' as const, earningId: e.earningId, itemId: item.itemId, reasonCode: body.reasonCode }));
      return { events, steps, result: events.reduce((s, e) => payoutBatchDecider.evolve(s, e) as Batch, batch) };
    });
    return withPosition(batchAnswer(outcome.result), outcome.position);
  }
}
