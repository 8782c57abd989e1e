import { Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { POLICY_READER_ROLES } from '../../../shared/governance-roles';
import { currentPolicy } from '../../policy-reader';
import { PolicyView, policyViewOf } from '../../policy.view';

@ApiTags('governance')
@Controller('influencer/policy')
export class GetPolicyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post('get')
  @ReadOnly()
  @Roles(...POLICY_READER_ROLES)
  @ApiOperation({ summary: "The org's payout and clawback policy as it stands (read from its stream: no projection lag)" })
  @ApiOkResponse({ type: PolicyView })
  async get(@Ctx() ctx: RequestContext): Promise<PolicyView> {
    return policyViewOf(await currentPolicy(this.store, ctx.org));
  }
}
