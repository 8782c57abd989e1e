import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { RejectDispute } from '../../../domain/dispute';
import { DISPUTE_STAFF_ROLES } from '../../dispute-roles';
import { DisputeCommands } from '../shared/dispute-commands.service';
import { DisputeAnswer, disputeAnswer } from '../shared/dispute.answer';
import { DisputeReasonRequest } from '../shared/dispute-id.request.dto';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class RejectDisputeController {
  constructor(@Inject(DisputeCommands) private readonly disputes: DisputeCommands) {}

  @Post('reject')
  @HttpCode(200)
  @RequiresActingRole(...DISPUTE_STAFF_ROLES)
  @ApiOperation({ summary: 'Reject a dispute under review → rejected; the dispute hold is released' })
  @ApiOkResponse({ type: DisputeAnswer })
  async reject(@Ctx() ctx: RequestContext, @Body() body: DisputeReasonRequest): Promise<DisputeAnswer> {
    const dispute = await this.disputes.load(ctx, body.disputeId);
    const command: RejectDispute = {
      type: 'RejectDispute', data: { disputeId: body.disputeId, reasonCode: body.reasonCode, ...(body.note === undefined ? {} : { note: body.note }), by: ctx.actorId, now: this.disputes.now() },
    };
    this.disputes.check(dispute, command);
    const released = dispute.held && dispute.earningId !== undefined
      ? await this.disputes.ledger.release(ctx.org, this.disputes.metadata(ctx), { disputeId: dispute.disputeId, earningId: dispute.earningId, reasonCode: 'dispute_rejected' })
      : null;
    return disputeAnswer(await this.disputes.execute(ctx, body.disputeId, command, released));
  }
}
