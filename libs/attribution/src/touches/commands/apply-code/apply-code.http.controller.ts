import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, HandlesOwnConsistency, OpenToIntegration } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CatalogConsistency } from '../../../catalog/read-models/program-catalog/catalog-consistency';
import { ApplyCodeAnswer } from './apply-code.answer';
import { ApplyCodeHandler } from './apply-code.handler';
import { ApplyCodeRequest } from './apply-code.request.dto';

// Any authenticated token of the org may apply codes (tills, shops): no role check, inf_integration included.
@ApiTags('checkout')
@Controller('influencer/code')
export class ApplyCodeController {
  constructor(
    private readonly consistency: CatalogConsistency,
    private readonly handler: ApplyCodeHandler,
  ) {}

  @Post('apply')
  @HttpCode(200)
  @HandlesOwnConsistency()
  @OpenToIntegration()
  @ApiOperation({
    summary: 'ApplyCode: is this code usable at checkout, and what discount does it give',
    description:
      'Answered from the in-memory program catalog: never waits for read models or for the database. A valid code records a `code` touch on the customer ' +
      '(`customer-<org>.<customerRef>`), once per `cartRef`, asynchronously: the touch is durable within a flush window (20 ms) after the answer, and ' +
      'a crash of the instance in that window loses it (ADR 0016) — an order that carries the code still attributes, the code on the order being a touch ' +
      'at the order’s time. Hence `position` is null. An unusable code is `valid: false` with a `reason`, not an error.',
  })
  @ApiOkResponse({ type: ApplyCodeAnswer })
  async apply(
    @Ctx() ctx: RequestContext,
    @Body() body: ApplyCodeRequest,
    @Headers('x-consistency-position') position?: string,
  ): Promise<ApplyCodeAnswer> {
    // Checkout's hot path stays synchronous unless a caller asks to wait: no promise per request for nothing.
    if (position !== undefined) await this.consistency.reach(position);
    return this.handler.execute(ctx, body);
  }
}
