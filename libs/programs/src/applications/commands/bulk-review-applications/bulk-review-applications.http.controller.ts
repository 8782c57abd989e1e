import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Roles } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { PROGRAM_MANAGER_ROLES } from '../../../shared/program-roles';
import { BulkReviewAnswer } from './bulk-review-applications.answer.dto';
import { BulkReviewApplicationsHandler } from './bulk-review-applications.handler';
import { BulkReviewApplicationsRequest } from './bulk-review-applications.request.dto';

@ApiTags('applications')
@Controller('influencer/application')
export class BulkReviewApplicationsController {
  constructor(private readonly handler: BulkReviewApplicationsHandler) {}

  @Post('bulk-review')
  @HttpCode(200)
  @Roles(...PROGRAM_MANAGER_ROLES)
  @ApiOperation({
    summary: 'Approve or reject up to 100 applications, a result per decision',
    description: 'A decision that cannot be taken is `refused` with its error and appends nothing; the others go through. Replaying the request answers the same results and appends nothing.',
  })
  @ApiOkResponse({ type: BulkReviewAnswer })
  review(@Ctx() ctx: RequestContext, @Body() body: BulkReviewApplicationsRequest): Promise<BulkReviewAnswer> {
    return this.handler.execute(ctx, body);
  }
}
