import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { FraudFlagNotFound } from '../../../domain';
import { FRAUD_READER_ROLES } from '../../../shared/fraud-roles';
import type { FraudFlagPartialDB } from '../../read-models/fraud-flag/fraud-flag.table';
import { FlagView, flagViewOf } from '../flag.view';
import { GetFlagRequest } from './get-flag.request.dto';

@ApiTags('fraud')
@Controller('influencer/fraud/flag')
export class GetFlagController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<FraudFlagPartialDB>) {}

  @Post('get')
  @ReadOnly()
  @Roles(...FRAUD_READER_ROLES)
  @ApiOperation({ summary: 'One fraud flag with its evidence, held earnings and review (404 for an unknown id or another org\'s)' })
  @ApiOkResponse({ type: FlagView })
  async get(@Ctx() ctx: RequestContext, @Body() body: GetFlagRequest): Promise<FlagView> {
    const row = await this.db.selectFrom('fraud_flag').selectAll().where('org', '=', ctx.org).where('flag_id', '=', body.flagId).limit(1).executeTakeFirst();
    if (row === undefined) throw new FraudFlagNotFound(body.flagId);
    return flagViewOf(row);
  }
}
