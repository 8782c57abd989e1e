import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, executeOnStream, type EventStore } from '@ledger/event-store';
import { Ctx, RequiresActingRole, withPosition } from '@ledger/http';
import { CLOCK, randomId, type Clock } from '@ledger/kernel';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { fraudRulesDecider } from '../../../domain';
import { FRAUD_RULES_ROLES } from '../../../shared/fraud-roles';
import { fraudRulesStream } from '../../../shared/fraud-streams';
import { FraudRulesAnswer, SetFraudRulesRequest } from './set-rules.request.dto';

@ApiTags('fraud')
@Controller('influencer/fraud/rules')
export class SetFraudRulesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('set')
  @HttpCode(200)
  @RequiresActingRole(...FRAUD_RULES_ROLES)
  @ApiOperation({ summary: 'The org\'s fraud rules: switch rules on or off, set velocityPerHour (inf_owner); applies to orders checked from now on' })
  @ApiOkResponse({ type: FraudRulesAnswer })
  async set(@Ctx() ctx: RequestContext, @Body() body: SetFraudRulesRequest): Promise<FraudRulesAnswer> {
    const now = this.clock.now().toISOString();
    const outcome = await executeOnStream(
      this.store,
      fraudRulesStream(ctx.org),
      fraudRulesDecider,
      {
        type: 'SetFraudRules',
        data: {
          ...(body.enabled === undefined ? {} : { enabled: { ...body.enabled } }),
          ...(body.velocityPerHour === undefined ? {} : { velocityPerHour: body.velocityPerHour }),
          ...(body.reasonCode === undefined ? {} : { reasonCode: body.reasonCode }),
          now,
        },
      },
      { eventId: () => randomId(), metadata: () => ({ ...eventMetadataFrom(ctx, { occurredAt: now }), ...(body.reasonCode === undefined ? {} : { reasonCode: body.reasonCode }) }) },
    );
    const set = outcome.events[0]!.data;
    return withPosition({ enabled: { ...set.enabled }, velocityPerHour: set.velocityPerHour }, outcome.position);
  }
}
