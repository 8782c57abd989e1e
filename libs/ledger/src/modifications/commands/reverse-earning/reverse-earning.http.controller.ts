import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, RequiresActingRole } from '@ledger/http';
import { DATABASE, eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { deterministicId, LIMITS } from '@ledger/kernel';
import type { LedgerPartialDB } from '../../../earnings/read-models/earning-ledger/earning-ledger.table';
import { EarningModifications } from '../../earning-modifications.service';
import type { ModificationRequest } from '../../modification-requests';
import { modifiedEarningAnswer } from '../shared/modification-answer';
import { modificationIdOf } from '../shared/modification-id';
import { MODIFICATION_ROLES, ModifiedEarningAnswer } from '../shared/modification.request.dto';
import { ReverseEarningRequest } from './reverse-earning.request.dto';

export class ReversedEarningAnswer extends ModifiedEarningAnswer {
  @ApiProperty({ type: [String], description: 'With includeReferralLevels: the level 2+ earnings of the same order reversed with it' })
  referralLevelsReversed: string[];
}

@ApiTags('ledger')
@Controller('influencer/earning')
export class ReverseEarningController {
  constructor(
    @Inject(EarningModifications) private readonly modifications: EarningModifications,
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
  ) {}

  @Post('reverse')
  @HttpCode(200)
  @RequiresActingRole(...MODIFICATION_ROLES)
  @ApiOperation({
    summary: 'Reverse an earning before its lock date: what is left of it is clawed back (reference kind `reversal`)',
    description: 'Level 2+ earnings of the same order stay unless includeReferralLevels. 409 `locked` at or after occurredAt + lockDays; 409 `too_many_modifications` past 1,000. A paid earning reversed leaves a recoverable (negative payable) balance.',
  })
  @ApiOkResponse({ type: ReversedEarningAnswer })
  async reverse(@Ctx() ctx: RequestContext, @Body() body: ReverseEarningRequest): Promise<ReversedEarningAnswer> {
    const modificationId = modificationIdOf(ctx, 'earning/reverse');
    const note = body.note === undefined ? {} : { note: body.note };
    const requests: ModificationRequest[] = [{ type: 'reverse', earningId: body.earningId, modificationId, reasonCode: body.reasonCode, ...note }];
    const referrals = body.includeReferralLevels ? await this.referralLevelsOf(ctx.org, body.earningId) : [];
    for (const earningId of referrals) {
      requests.push({ type: 'reverse', earningId, modificationId: deterministicId(ctx.org, 'reversal', modificationId, earningId), reasonCode: body.reasonCode, ...note });
    }
    const outcome = await this.modifications.apply(ctx.org, (now) => eventMetadataFrom(ctx, { occurredAt: now }), requests);
    return { ...modifiedEarningAnswer(outcome, modificationId), referralLevelsReversed: referrals };
  }

  /** The level 2+ earnings of the earning's order that still have something to reverse (the write model re-checks each). */
  private async referralLevelsOf(org: string, earningId: string): Promise<string[]> {
    const parent = await this.db.selectFrom('ledger_earning').select(['order_id', 'level']).where('org', '=', org).where('earning_id', '=', earningId).limit(1).executeTakeFirst();
    if (!parent || parent.level !== 1 || parent.order_id === '') return [];
    const rows = await this.db
      .selectFrom('ledger_earning')
      .select('earning_id')
      .where('org', '=', org)
      .where('order_id', '=', parent.order_id)
      .where('kind', '=', 'commission')
      .where('level', '>', 1)
      .where('state', '!=', 'clawed_back')
      .orderBy('level')
      .limit(LIMITS.domain.referralLevels)
      .execute();
    return rows.map((r) => r.earning_id.toLowerCase());
  }
}
