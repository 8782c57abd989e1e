import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { DISCOUNT_REQUEST_TYPES } from '../../../shared/discount.request.dto';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { CodeIssuedAnswer } from './issue-code.answer.dto';
import { IssueCodeHandler } from './issue-code.handler';
import { IssueCodeRequest } from './issue-code.request.dto';

@ApiTags('codes')
@ApiExtraModels(...DISCOUNT_REQUEST_TYPES)
@Controller('influencer/code')
export class IssueCodeController {
  constructor(private readonly handler: IssueCodeHandler) {}

  @Post('create')
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({ summary: 'Issue a code (coupon, share link, QR, in-store) for an influencer in a campaign; 409 CODE.TAKEN when the org has it' })
  @ApiCreatedResponse({ type: CodeIssuedAnswer })
  create(@Ctx() ctx: RequestContext, @Body() body: IssueCodeRequest): Promise<CodeIssuedAnswer> {
    return this.handler.execute(ctx, body);
  }
}
