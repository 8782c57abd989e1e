import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DisputeResolution } from '@ledger/contracts';
import type { Position } from '@ledger/event-store';
import { Ctx, RequiresActingRole } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import type { ResolveDispute } from '../../../domain/dispute';
import { DISPUTE_STAFF_ROLES } from '../../dispute-roles';
import { DisputeCommands } from '../shared/dispute-commands.service';
import { DisputeAnswer, disputeAnswer } from '../shared/dispute.answer';
import { ResolveDisputeRequest } from './resolve-dispute.request.dto';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class ResolveDisputeController {
  constructor(@Inject(DisputeCommands) private readonly disputes: DisputeCommands) {}

  @Post('resolve')
  @HttpCode(200)
  @RequiresActingRole(...DISPUTE_STAFF_ROLES)
  @ApiOperation({
    summary: 'Resolve a dispute under review: adjust the earning, re-attribute it (reversal + make-good for the other influencer), or no change; the dispute hold is released',
    description: 'The ledger changes go through the ordinary modification commands (409 `locked` after the lock date), referencing the dispute.',
  })
  @ApiOkResponse({ type: DisputeAnswer })
  async resolve(@Ctx() ctx: RequestContext, @Body() body: ResolveDisputeRequest): Promise<DisputeAnswer> {
    const dispute = await this.disputes.load(ctx, body.disputeId);
    const r = body.resolution;
    const resolution: DisputeResolution = {
      kind: r.kind, ...(r.amount ? { amount: { amount: r.amount.amount, currency: r.amount.currency } } : {}), ...(r.influencerId ? { influencerId: r.influencerId } : {}),
    };
    const command = (modificationIds: string[]): ResolveDispute => ({ type: 'ResolveDispute', data: { disputeId: body.disputeId, resolution, note: body.note, by: ctx.actorId, modificationIds, now: this.disputes.now() } });
    // Refused before the ledger is touched: a dispute not under review, a resolution missing its amount or influencer.
    this.disputes.check(dispute, command([]));
    let ledger: { modificationIds: string[]; position: Position | null } = { modificationIds: [], position: null };
    if (dispute.earningId !== undefined) {
      ledger = await this.disputes.ledger.resolve(ctx.org, this.disputes.metadata(ctx), { disputeId: dispute.disputeId, earningId: dispute.earningId, held: dispute.held, resolution, note: body.note });
    }
    return disputeAnswer(await this.disputes.execute(ctx, body.disputeId, command(ledger.modificationIds), ledger.position));
  }
}
