import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RequiresActingRole, withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { CLOCK, ValidationFailed, type Clock } from '@ledger/kernel';
import { RELEASE_DUE_ROLES } from '../shared/ledger-roles';
import { ReleaseDueAnswer, ReleaseDueRequest } from './release-due.request.dto';
import { ReleaseDueService } from './release-due.service';

@ApiTags('ledger')
@Controller('influencer/earning')
export class ReleaseDueController {
  constructor(
    private readonly service: ReleaseDueService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('release-due')
  @HttpCode(200)
  @RequiresActingRole(...RELEASE_DUE_ROLES)
  @ApiOperation({
    summary: "Release every period hold of this org whose holdUntil ≤ asOf (what the worker's scheduler does every minute)",
    description: 'Manual and fraud holds wait for earning/release. Idempotent: a hold ends once, whoever notices it.',
  })
  @ApiOkResponse({ type: ReleaseDueAnswer })
  async releaseDue(@Ctx() ctx: RequestContext, @Body() body: ReleaseDueRequest): Promise<ReleaseDueAnswer> {
    const asOfMs = body.asOf === undefined ? this.clock.now().getTime() : Date.parse(body.asOf);
    if (!Number.isFinite(asOfMs)) throw new ValidationFailed([{ field: 'asOf', problem: 'must be a valid time' }]);
    const asOf = new Date(asOfMs).toISOString();
    const outcome = await this.service.run({
      org: ctx.org,
      asOf,
      metadata: (_org, event) => eventMetadataFrom(ctx, { occurredAt: event.at }),
    });
    return withPosition({ asOf, released: outcome.released, influencers: outcome.influencers, more: outcome.more }, outcome.position);
  }
}
