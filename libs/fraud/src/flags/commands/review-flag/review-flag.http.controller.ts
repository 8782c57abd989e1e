import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { FRAUD_REVIEW_ROLES } from '../../../shared/fraud-roles';
import { ReviewFlagHandler } from './review-flag.handler';
import { ReviewFlagAnswer, ReviewFlagRequest } from './review-flag.request.dto';

@ApiTags('fraud')
@Controller('influencer/fraud/flag')
export class ReviewFlagController {
  constructor(private readonly handler: ReviewFlagHandler) {}

  @Post('review')
  @HttpCode(200)
  @RequiresActingRole(...FRAUD_REVIEW_ROLES)
  @ApiOperation({
    summary: 'Review a fraud flag: release its holds, or reverse (claw back) the flagged order\'s earnings — never automatic',
    description: 'inf_fraud_reviewer only (X-Actor-Role). A review is final: a second one is 409 FRAUD.FLAG_ALREADY_REVIEWED; an unknown flag (or another org\'s) is 404.',
  })
  @ApiOkResponse({ type: ReviewFlagAnswer })
  review(@Ctx() ctx: RequestContext, @Body() body: ReviewFlagRequest): Promise<ReviewFlagAnswer> {
    return this.handler.execute(ctx, body);
  }
}
