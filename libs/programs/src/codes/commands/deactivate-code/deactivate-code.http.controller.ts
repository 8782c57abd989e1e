import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { CodeDeactivatedAnswer } from './deactivate-code.answer.dto';
import { DeactivateCodeHandler } from './deactivate-code.handler';
import { DeactivateCodeRequest } from './deactivate-code.request.dto';

@ApiTags('codes')
@Controller('influencer/code')
export class DeactivateCodeController {
  constructor(private readonly handler: DeactivateCodeHandler) {}

  @Post('deactivate')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'Deactivate a code for good (409 when already deactivated; a code is never re-issued)' })
  @ApiOkResponse({ type: CodeDeactivatedAnswer })
  deactivate(@Ctx() ctx: RequestContext, @Body() body: DeactivateCodeRequest): Promise<CodeDeactivatedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
