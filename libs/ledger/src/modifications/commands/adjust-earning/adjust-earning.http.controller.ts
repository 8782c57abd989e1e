import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { ValidationFailed } from '@ledger/kernel';
import { EarningModifications } from '../../earning-modifications.service';
import { modifiedEarningAnswer } from '../shared/modification-answer';
import { modificationIdOf } from '../shared/modification-id';
import { MODIFICATION_ROLES, ModifiedEarningAnswer } from '../shared/modification.request.dto';
import { AdjustEarningRequest } from './adjust-earning.request.dto';

@ApiTags('ledger')
@Controller('influencer/earning')
export class AdjustEarningController {
  constructor(@Inject(EarningModifications) private readonly modifications: EarningModifications) {}

  @Post('adjust')
  @HttpCode(200)
  @RequiresActingRole(...MODIFICATION_ROLES)
  @ApiOperation({
    summary: 'Adjust an earning before its lock date: a new amount, or a corrected commission base recalculated with the recorded rules version (or today\'s terms)',
    description: '409 `locked` at or after occurredAt + lockDays; 409 `too_many_modifications` past 1,000; 400 for another currency than the earning\'s. Held, payable and paid earnings may be adjusted (paid: the difference is payable or recoverable at the next payout).',
  })
  @ApiOkResponse({ type: ModifiedEarningAnswer })
  async adjust(@Ctx() ctx: RequestContext, @Body() body: AdjustEarningRequest): Promise<ModifiedEarningAnswer> {
    if ((body.amount === undefined) === (body.commissionBase === undefined)) {
      const problem = 'give amount or commissionBase, exactly one';
      throw new ValidationFailed([{ field: 'amount', problem }, { field: 'commissionBase', problem }]);
    }
    if (body.applyCurrentTerms === true && body.amount !== undefined) {
      throw new ValidationFailed([{ field: 'applyCurrentTerms', problem: 'applies to a recalculated commissionBase only' }]);
    }
    const modificationId = modificationIdOf(ctx, 'earning/adjust');
    const outcome = await this.modifications.apply(ctx.org, (now) => eventMetadataFrom(ctx, { occurredAt: now }), [
      {
        type: 'adjust', earningId: body.earningId, modificationId, applyCurrentTerms: body.applyCurrentTerms ?? false, reasonCode: body.reasonCode,
        ...(body.amount ? { amount: { amount: body.amount.amount, currency: body.amount.currency } } : {}),
        ...(body.commissionBase === undefined ? {} : { commissionBase: body.commissionBase }),
        ...(body.note === undefined ? {} : { note: body.note }),
      },
    ]);
    return modifiedEarningAnswer(outcome, modificationId);
  }
}
