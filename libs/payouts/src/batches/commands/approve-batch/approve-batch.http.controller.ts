import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole, withPosition } from '@ledger/http';
import { CLOCK, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { payoutBatchDecider, type Batch } from '../../../domain';
import { batchAnswer, PayoutBatchCommandAnswer } from '../../batch-view';
import { PAYOUT_LEDGER, type PayoutLedger } from '../../payout-ledger.port';
import { PAYOUT_COMMAND_ROLES } from '../../payout-roles';
import { BatchIdRequest } from '../batch-requests';
import { existingBatch } from '../load-batch';

@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class ApprovePayoutBatchController {
  constructor(
    @Inject(PAYOUT_LEDGER) private readonly ledger: PayoutLedger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('approve')
  @HttpCode(200)
  @RequiresActingRole(...PAYOUT_COMMAND_ROLES)
  @ApiOperation({ summary: 'scheduled → approved, by someone other than the creator (409 same_actor); X-Actor-Role required' })
  @ApiOkResponse({ type: PayoutBatchCommandAnswer })
  async approve(@Ctx() ctx: RequestContext, @Body() body: BatchIdRequest): Promise<PayoutBatchCommandAnswer> {
    const now = this.clock.now().toISOString();
    const outcome = await this.ledger.decide<Batch>(ctx.org, body.batchId, [], eventMetadataFrom(ctx, { occurredAt: now }), (state) => {
      const batch = existingBatch(state, body.batchId);
      const events = payoutBatchDecider.decide({ type: 'ApprovePayoutBatch', data: { approvedBy: ctx.actorId, role: ctx.actingRole ?? '', now } }, batch);
      return { events, steps: [], result: events.reduce((s, e) => payoutBatchDecider.evolve(s, e) as Batch, batch) };
    });
    return withPosition(batchAnswer(outcome.result), outcome.position);
  }
}
