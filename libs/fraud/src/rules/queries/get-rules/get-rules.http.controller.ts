import { Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, foldStream, type EventStore } from '@ledger/event-store';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { LIMITS } from '@ledger/kernel';
import type { RequestContext } from '@ledger/runtime';
import { fraudRulesDecider } from '../../../domain';
import { FRAUD_READER_ROLES } from '../../../shared/fraud-roles';
import { fraudRulesStream } from '../../../shared/fraud-streams';
import { FraudRulesAnswer } from '../../commands/set-rules/set-rules.request.dto';

@ApiTags('fraud')
@Controller('influencer/fraud/rules')
export class GetFraudRulesController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post('get')
  @ReadOnly()
  @Roles(...FRAUD_READER_ROLES)
  @ApiOperation({ summary: 'The org\'s fraud rules as they apply now (defaults until fraud/rules/set), from the rules stream (bounded)' })
  @ApiOkResponse({ type: FraudRulesAnswer })
  async get(@Ctx() ctx: RequestContext): Promise<FraudRulesAnswer> {
    const events = await this.store.readStream(fraudRulesStream(ctx.org), { maxCount: LIMITS.fraud.ruleChangesPerOrg + 1 });
    const { settings } = foldStream(fraudRulesDecider, events);
    const last = events.at(-1);
    return { enabled: { ...settings.enabled }, velocityPerHour: settings.velocityPerHour, position: last ? `${last.position.commit}-${last.position.prepare}` : null };
  }
}
