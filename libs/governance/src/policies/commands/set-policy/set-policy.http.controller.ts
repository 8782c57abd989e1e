import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { POLICY_OWNER_ROLES } from '../../../shared/governance-roles';
import { PolicyView } from '../../policy.view';
import { SetPolicyHandler } from './set-policy.handler';
import { SetPolicyRequest } from './set-policy.request.dto';

export class PolicyAnswer extends PolicyView {
  @ApiProperty({ type: String, nullable: true, example: '1234-56', description: 'Event-store position of the change (or of the last one, when nothing changed)' })
  position: string | null;
}

@ApiTags('governance')
@Controller('influencer/policy')
export class SetPolicyController {
  constructor(private readonly handler: SetPolicyHandler) {}

  @Post('set')
  @HttpCode(200)
  @Roles(...POLICY_OWNER_ROLES)
  @ApiOperation({ summary: "Set the org's payout policy (schedule, minimum payout per currency) and/or clawback policy (after paid: negative_balance | write_off). Primary owner (inf_owner) only: 403 for everyone else, inf_admin included" })
  @ApiOkResponse({ type: PolicyAnswer })
  set(@Ctx() ctx: RequestContext, @Body() body: SetPolicyRequest): Promise<PolicyAnswer> {
    return this.handler.execute(ctx, body);
  }
}
