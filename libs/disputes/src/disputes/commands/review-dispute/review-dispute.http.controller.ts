import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { DISPUTE_STAFF_ROLES } from '../../dispute-roles';
import { DisputeCommands } from '../shared/dispute-commands.service';
import { DisputeAnswer, disputeAnswer } from '../shared/dispute.answer';
import { DisputeNoteRequest } from '../shared/dispute-id.request.dto';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class ReviewDisputeController {
  constructor(@Inject(DisputeCommands) private readonly disputes: DisputeCommands) {}

  @Post('review')
  @HttpCode(200)
  @RequiresActingRole(...DISPUTE_STAFF_ROLES)
  @ApiOperation({ summary: 'Start reviewing a dispute: open → under_review (again: nothing changes)' })
  @ApiOkResponse({ type: DisputeAnswer })
  async review(@Ctx() ctx: RequestContext, @Body() body: DisputeNoteRequest): Promise<DisputeAnswer> {
    await this.disputes.load(ctx, body.disputeId);
    const note = body.note === undefined ? {} : { note: body.note };
    return disputeAnswer(await this.disputes.execute(ctx, body.disputeId, { type: 'StartDisputeReview', data: { disputeId: body.disputeId, by: ctx.actorId, ...note, now: this.disputes.now() } }));
  }
}
