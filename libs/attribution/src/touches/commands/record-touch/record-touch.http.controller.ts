import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, HandlesOwnConsistency, OpenToIntegration } from '@ledger/http';
import type { RequestContext } from '@ledger/runtime';
import { CatalogConsistency } from '../../../catalog/read-models/program-catalog/catalog-consistency';
import { RecordTouchAnswer } from './record-touch.answer';
import { RecordTouchHandler } from './record-touch.handler';
import { RecordTouchRequest } from './record-touch.request.dto';

// Any authenticated token of the org may report touches (trackers, tills): no role check, inf_integration included.
@ApiTags('checkout')
@Controller('influencer/touch')
export class RecordTouchController {
  constructor(
    private readonly consistency: CatalogConsistency,
    private readonly handler: RecordTouchHandler,
  ) {}

  @Post('record')
  @HttpCode(200)
  @HandlesOwnConsistency()
  @OpenToIntegration()
  @ApiOperation({
    summary: 'Record a click, link visit, QR scan or in-store touch of a code',
    description: 'Checked against the in-memory catalog at `occurredAt`; an unknown or unusable code answers `recorded: false` with the same `reason` codes as code/apply.',
  })
  @ApiOkResponse({ type: RecordTouchAnswer })
  async record(
    @Ctx() ctx: RequestContext,
    @Body() body: RecordTouchRequest,
    @Headers('x-consistency-position') position?: string,
  ): Promise<RecordTouchAnswer> {
    await this.consistency.reach(position);
    return this.handler.execute(ctx, body);
  }
}
