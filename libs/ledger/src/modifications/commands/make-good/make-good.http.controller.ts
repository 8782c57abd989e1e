import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { EarningModifications } from '../../earning-modifications.service';
import { modifiedEarningAnswer } from '../shared/modification-answer';
import { modificationIdOf } from '../shared/modification-id';
import { MODIFICATION_ROLES, ModifiedEarningAnswer } from '../shared/modification.request.dto';
import { MakeGoodRequest } from './make-good.request.dto';

@ApiTags('ledger')
@Controller('influencer/earning')
export class MakeGoodController {
  constructor(@Inject(EarningModifications) private readonly modifications: EarningModifications) {}

  @Post('make-good')
  @HttpCode(200)
  @RequiresActingRole(...MODIFICATION_ROLES)
  @ApiOperation({
    summary: 'Grant a make-good: a new payable earning of kind make_good (after the lock date the only correction), referencing the original earning when named',
    description: '404 for an unknown influencer, campaign or original earning.',
  })
  @ApiOkResponse({ type: ModifiedEarningAnswer })
  async makeGood(@Ctx() ctx: RequestContext, @Body() body: MakeGoodRequest): Promise<ModifiedEarningAnswer> {
    const modificationId = modificationIdOf(ctx, 'earning/make-good');
    const outcome = await this.modifications.apply(ctx.org, (now) => eventMetadataFrom(ctx, { occurredAt: now }), [
      {
        type: 'make_good', modificationId, influencerId: body.influencerId, campaignId: body.campaignId,
        amount: { amount: body.amount.amount, currency: body.amount.currency }, reasonCode: body.reasonCode,
        ...(body.earningId === undefined ? {} : { originalEarningId: body.earningId.toLowerCase() }),
        ...(body.note === undefined ? {} : { note: body.note }),
      },
    ]);
    return modifiedEarningAnswer(outcome, modificationId);
  }
}
