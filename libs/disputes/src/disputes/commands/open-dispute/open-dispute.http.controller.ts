import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PartnerScoped, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { deterministicId, NotFound, randomId, ValidationFailed } from '@ledger/kernel';
import type { OpenDispute } from '../../../domain/dispute';
import { DISPUTE_PARTY_ROLES, partnerOf } from '../../dispute-roles';
import { DisputeCommands } from '../shared/dispute-commands.service';
import { DisputeAnswer, disputeAnswer } from '../shared/dispute.answer';
import { OpenDisputeRequest } from './open-dispute.request.dto';

@ApiTags('disputes')
@Controller('influencer/dispute')
export class OpenDisputeController {
  constructor(@Inject(DisputeCommands) private readonly disputes: DisputeCommands) {}

  @Post('open')
  @HttpCode(200)
  @Roles(...DISPUTE_PARTY_ROLES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({
    summary: 'Open a dispute on an earning, an attribution (order) or a payout → open; a dispute on an earning holds it (hold kind dispute)',
    description: 'Staff, or a partner token (inf_partner, sub = influencer) for its own subjects only: another influencer\'s subject is a 404.',
  })
  @ApiOkResponse({ type: DisputeAnswer })
  async open(@Ctx() ctx: RequestContext, @Body() body: OpenDisputeRequest): Promise<DisputeAnswer> {
    const partner = partnerOf(ctx);
    const disputeId = ctx.idempotencyKey ? deterministicId(ctx.org, 'dispute/open', ctx.actorId, ctx.idempotencyKey) : randomId();
    const subject = await this.subjectOf(ctx, body, partner);
    const command: OpenDispute = {
      type: 'OpenDispute',
      data: {
        disputeId, subject: { kind: body.subject.kind, id: body.subject.id }, influencerId: subject.influencerId,
        ...(subject.earningId === undefined ? {} : { earningId: subject.earningId }),
        reasonCode: body.reasonCode, description: body.description, evidence: (body.evidence ?? []).map((e) => ({ ...e })),
        ...(body.respondBy === undefined ? {} : { respondBy: new Date(body.respondBy).toISOString() }),
        openedBy: ctx.actorId, held: subject.holdable, now: this.disputes.now(),
      },
    };
    this.disputes.check({ status: 'none' }, command);
    const held = subject.holdable && subject.earningId !== undefined
      ? await this.disputes.ledger.hold(ctx.org, this.disputes.metadata(ctx), { disputeId, earningId: subject.earningId, reasonCode: 'dispute_opened' })
      : null;
    return disputeAnswer(await this.disputes.execute(ctx, disputeId, command, held));
  }

  private async subjectOf(ctx: RequestContext, body: OpenDisputeRequest, partner: string | null) {
    if (body.subject.kind === 'payout') {
      // Payout items are the payouts context's: whose item it is comes from the partner's token or from staff.
      const influencerId = partner ?? body.influencerId;
      if (influencerId === undefined) throw new ValidationFailed([{ field: 'influencerId', problem: 'staff name whose payout is disputed' }]);
      return { influencerId, holdable: false };
    }
    if (body.influencerId !== undefined) throw new ValidationFailed([{ field: 'influencerId', problem: 'only for payout subjects: an earning or attribution names its influencer' }]);
    const found = await this.disputes.ledger.subjectOf(ctx.org, { kind: body.subject.kind, id: body.subject.id });
    // Another org's subject, or (for a partner) another influencer's, is as unknown as a made-up id.
    if (found === undefined || (partner !== null && found.influencerId !== partner)) {
      throw new NotFound('DISPUTE.SUBJECT_NOT_FOUND', `No ${body.subject.kind} ${body.subject.id} to dispute.`);
    }
    return found;
  }
}
