import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { GRANT_MANAGER_ROLES } from '../../../shared/governance-roles';
import { GrantAnswer } from '../grant.answer.dto';
import { RevokeGrantHandler } from './revoke-grant.handler';
import { RevokeGrantRequest } from './revoke-grant.request.dto';

@ApiTags('governance')
@Controller('influencer/grant')
export class RevokeGrantController {
  constructor(private readonly handler: RevokeGrantHandler) {}

  @Post('revoke')
  @HttpCode(200)
  @Roles(...GRANT_MANAGER_ROLES)
  @ApiOperation({ summary: 'Revoke a grant with a reason code: it gives its role no longer (from the next request). Only inf_owner revokes inf_owner / inf_admin grants (403); revoked or ended → 409' })
  @ApiOkResponse({ type: GrantAnswer })
  revoke(@Ctx() ctx: RequestContext, @Body() body: RevokeGrantRequest): Promise<GrantAnswer> {
    return this.handler.execute(ctx, body);
  }
}
