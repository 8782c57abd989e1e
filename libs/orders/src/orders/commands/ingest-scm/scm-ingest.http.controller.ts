import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, RawTextBody, Roles, withPosition } from '@ledger/http';
import { eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { LIMITS } from '@ledger/kernel';
import { parseScmEvent } from '../../scm-fact';
import { ScmIntake, type IntakeItem } from '../../scm-intake';
import { SCM_ROLES } from '../scm-command';
import { parseNdjson } from './ndjson';
import { ScmIngestAnswer, type IngestLineResult } from './scm-ingest.answer';

@ApiTags('orders')
@Controller('influencer/scm')
export class ScmIngestController {
  constructor(@Inject(ScmIntake) private readonly intake: ScmIntake) {}

  // Always 200: the answer is per line. Bad lines are reported and never stop the good ones.
  @Post('ingest')
  @HttpCode(200)
  @Roles(...SCM_ROLES)
  @RawTextBody('application/x-ndjson')
  @ApiOperation({
    summary: 'Ingest SCM events as NDJSON: one {"type": "OrderPlaced"|"OrderReturned"|"OrderCancelled", ...} a line',
    description: `At most ${LIMITS.http.ndjsonLines} lines and ${LIMITS.http.ndjsonBodyBytes} bytes (413 beyond). Each line gets a result: recorded, duplicate (known already: nothing appended) or rejected (with code and field problems).`,
  })
  @ApiOkResponse({ type: ScmIngestAnswer })
  async ingest(@Ctx() ctx: RequestContext, @Body() body: string): Promise<ScmIngestAnswer> {
    const results: IngestLineResult[] = [];
    const accepted: Array<{ at: number; item: IntakeItem }> = [];
    for (const entry of parseNdjson(body)) {
      if (!entry.ok) {
        results.push({ line: entry.line, status: 'rejected', code: 'MALFORMED_JSON', detail: entry.detail });
        continue;
      }
      const parsed = parseScmEvent(entry.value);
      if (!parsed.ok) {
        results.push({ line: entry.line, status: 'rejected', ...(parsed.orderId ? { orderId: parsed.orderId } : {}), code: 'VALIDATION_FAILED', detail: 'The line has invalid fields.', errors: parsed.problems });
        continue;
      }
      const { fact } = parsed;
      accepted.push({ at: results.length, item: { org: ctx.org, fact, metadata: eventMetadataFrom(ctx, { occurredAt: fact.data.occurredAt, sourceRef: fact.data.sourceRef }) } });
      results.push({ line: entry.line, status: 'rejected', orderId: fact.data.orderId }); // placeholder, settled below
    }
    const outcome = await this.intake.ingest(accepted.map((a) => a.item));
    outcome.results.forEach((result, i) => {
      const slot = results[accepted[i]!.at]!;
      if (result.status === 'rejected') {
        Object.assign(slot, { code: result.error.code, detail: result.error.message, ...(result.error.errors ? { errors: result.error.errors } : {}) });
      } else {
        slot.status = result.status;
      }
    });
    const summary = { recorded: 0, duplicate: 0, rejected: 0 };
    for (const r of results) summary[r.status] += 1;
    return withPosition({ results, summary }, outcome.position);
  }
}
