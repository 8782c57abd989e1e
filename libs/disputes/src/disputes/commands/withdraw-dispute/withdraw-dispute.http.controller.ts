import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PartnerScoped, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { WithdrawDispute } from '../../../domain/dispute';
import { DISPUTE_PARTY_ROLES } from '../../dispute-roles';
import { DisputeCommands } from '../shared/dispute-commands.service';
import { DisputeAnswer, disputeAnswer } from '../shared/dispute.answer';
import { WithdrawDisputeRequest } from '../shared/dispute-id.request.dto';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class WithdrawDisputeController {
  constructor(@Inject(DisputeCommands) private readonly disputes: DisputeCommands) {}

  @Post('withdraw')
  @HttpCode(200)
  @Roles(...DISPUTE_PARTY_ROLES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'Withdraw a dispute (the opener only, else 403) while open or under review → withdrawn; the dispute hold is released' })
  @ApiOkResponse({ type: DisputeAnswer })
  async withdraw(@Ctx() ctx: RequestContext, @Body() body: WithdrawDisputeRequest): Promise<DisputeAnswer> {
    const dispute = await this.disputes.load(ctx, body.disputeId);
    const command: WithdrawDispute = {
      type: 'WithdrawDispute',
      data: {
        disputeId: body.disputeId, ...(body.reasonCode === undefined ? {} : { reasonCode: body.reasonCode }), ...(body.note === undefined ? {} : { note: body.note }),
        by: ctx.actorId, now: this.disputes.now(),
      },
    };
    this.disputes.check(dispute, command);
    const released = dispute.held && dispute.earningId !== undefined
      ? await this.disputes.ledger.release(ctx.org, this.disputes.metadata(ctx), { disputeId: dispute.disputeId, earningId: dispute.earningId, reasonCode: 'dispute_withdrawn' })
      : null;
    return disputeAnswer(await this.disputes.execute(ctx, body.disputeId, command, released));
  }
}
