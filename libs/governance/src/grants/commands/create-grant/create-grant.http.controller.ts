import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { GRANT_MANAGER_ROLES } from '../../../shared/governance-roles';
import { GrantAnswer } from '../grant.answer.dto';
import { CreateGrantHandler } from './create-grant.handler';
import { CreateGrantRequest } from './create-grant.request.dto';

@ApiTags('governance')
@Controller('influencer/grant')
export class CreateGrantController {
  constructor(private readonly handler: CreateGrantHandler) {}

  @Post('create')
  @Roles(...GRANT_MANAGER_ROLES)
  @ApiOperation({
    summary: 'Grant a role to an actor: permanent, time-bounded or scheduled; in force over [validFrom, validUntil). Only inf_owner grants inf_owner / inf_admin (403). Takes effect for the next request after the answer',
  })
  @ApiCreatedResponse({ type: GrantAnswer })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateGrantRequest): Promise<GrantAnswer> {
    return this.handler.execute(ctx, body);
  }
}
