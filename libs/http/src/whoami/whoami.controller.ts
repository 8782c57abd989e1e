import { Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { OpenToIntegration } from '../auth/auth.decorators';
import { Ctx } from '../context/ctx.decorator';
import type { RequestContext } from '@ledger/runtime';
import { ReadOnly } from '../routing/read-only.decorator';

export class WhoamiAnswer {
  @ApiProperty() org: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ type: [String], description: 'Effective roles: token roles ∪ active grants' }) roles: string[];
  @ApiProperty({ type: [String] }) tokenRoles: string[];
  @ApiPropertyOptional() actingRole?: string;
  @ApiPropertyOptional() costCentre?: string;
  @ApiProperty() correlationId: string;
}

/** Shows what the edge makes of a token and the context headers: the first thing to try with a new token. */
@ApiTags('identity')
@Controller('influencer')
export class WhoamiController {
  @Post('whoami')
  @ReadOnly()
  @OpenToIntegration()
  @ApiOperation({ summary: 'Who the bearer token says you are, with effective roles and the context headers as understood' })
  @ApiOkResponse({ type: WhoamiAnswer })
  whoami(@Ctx() ctx: RequestContext): WhoamiAnswer {
    return {
      org: ctx.org,
      actorId: ctx.actorId,
      roles: ctx.roles,
      tokenRoles: ctx.tokenRoles,
      actingRole: ctx.actingRole,
      costCentre: ctx.costCentre,
      correlationId: ctx.correlationId,
    };
  }
}
