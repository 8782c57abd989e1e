import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, Roles, withPosition } from '@ledger/http';
import { CLOCK, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { payoutBatchDecider, type PayoutBatchCommand } from '../../../domain';
import { batchAnswer, PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_LEDGER, type PayoutLedger } from '../../payout-ledger.port';
import { PAYOUT_COMMAND_ROLES } from '../../payout-roles';
import { BatchIdRequest } from '../batch-requests';
import { PayoutItemSender } from '../item-sender';
import { existingBatch, loadBatchAt } from '../load-batch';

/**
 * execute: approved → executing, then every pending item is sent; retry: failed items back to pending (same key),
 * then the same. Synchronous within a bound (LIMITS.payouts.executeBudgetMs, each provider call at most its timeout):
 * the answer is the batch after the sends; items not reached stay pending and the next execute or retry (on an
 * executing batch, a resume) sends them. Any number of concurrent calls make each transfer once.
 */
@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class ExecutePayoutBatchController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly sender: PayoutItemSender,
  ) {}

  @Post('execute')
  @HttpCode(200)
  @Roles(...PAYOUT_COMMAND_ROLES)
  @ApiOperation({ summary: 'approved → executing; sends each pending item once (idempotency key <batchId>:<itemId>); answers with the batch: paid, partially_paid, or executing while items wait' })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  execute(@Ctx() ctx: RequestContext, @Body() body: BatchIdRequest): Promise<PayoutBatchCommandAnswer> {
    return this.run(ctx, body.batchId, (now) => ({ type: 'StartPayoutExecution', data: { startedBy: ctx.actorId, now } }));
  }

  @Post('retry')
  @HttpCode(200)
  @Roles(...PAYOUT_COMMAND_ROLES)
  @ApiOperation({ summary: 'Re-sends only the failed items (same idempotency key), never a posted one' })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  retry(@Ctx() ctx: RequestContext, @Body() body: BatchIdRequest): Promise<PayoutBatchCommandAnswer> {
    return this.run(ctx, body.batchId, (now) => ({ type: 'RetryPayoutBatch', data: { now } }));
  }

  private async run(ctx: RequestContext, batchId: string, command: (now: string) => PayoutBatchCommand): Promise<PayoutBatchCommandAnswer> {
    const now = this.clock.now().toISOString();
    await this.ledger.decide(ctx.org, batchId, [], eventMetadataFrom(ctx, { occurredAt: now }), (state) => ({
      events: payoutBatchDecider.decide(command(now), existingBatch(state, batchId)),
      steps: [],
      result: undefined,
    }), 50);
    await this.sender.sendPending(ctx.org, batchId, (at) => eventMetadataFrom(ctx, { occurredAt: at }));
    const { batch, position } = await loadBatchAt(this.store, ctx.org, batchId);
    return withPosition(batchAnswer(batch), position);
  }
}
