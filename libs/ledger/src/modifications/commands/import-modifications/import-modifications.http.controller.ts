import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { EdgeHttpError, Ctx, RawTextBody, RequiresActingRole, withPosition } from '@ledger/http';
import { DATABASE, eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { comparePositions, type Position } from '@ledger/event-store';
import { DomainError, LIMITS, NotFound } from '@ledger/kernel';
import type { LedgerPartialDB } from '../../../earnings/read-models/earning-ledger/earning-ledger.table';
import { EarningModifications } from '../../earning-modifications.service';
import type { ModificationRequest } from '../../modification-requests';
import { MODIFICATION_ROLES } from '../shared/modification.request.dto';
import { ImportModificationsAnswer, type ImportRowResult } from './import-modifications.answer';
import { planRow, type EarningRef } from './import-row';
import { parseCsvRows, parseXmlRows, TooManyRows, type RawRow } from './modification-rows';

@ApiTags('ledger')
@Controller('influencer/earning')
export class ImportModificationsController {
  constructor(
    @Inject(EarningModifications) private readonly modifications: EarningModifications,
    @Inject(DATABASE) private readonly db: Kysely<LedgerPartialDB>,
  ) {}

  // Always 200 when the file can be read: the answer is per row, and a bad row never stops the others.
  @Post('import')
  @HttpCode(200)
  @RequiresActingRole(...MODIFICATION_ROLES)
  @RawTextBody('text/csv', 'application/xml', 'text/xml')
  @ApiOperation({
    summary: 'Import modifications (adjust | reverse | make_good) from CSV or XML, a result per row',
    description:
      `CSV header \`action,earningId,orderId,level,amount,commissionBase,currency,reasonCode,note,modificationId\`; XML \`<modifications><modification action=".." earningId=".." .../></modifications>\`. ` +
      `At most ${LIMITS.modifications.importRows} rows (413 beyond). A row's id is its modificationId, else derived from its content: re-importing applies nothing twice (\`duplicate\`); a rejected row is rejected again.`,
  })
  @ApiOkResponse({ type: ImportModificationsAnswer })
  async import(@Ctx() ctx: RequestContext, @Body() body: string, @Headers('content-type') contentType: string | undefined): Promise<ImportModificationsAnswer> {
    const rows = this.parse(body, contentType ?? '');
    const results: ImportRowResult[] = [];
    let position: Position | null = null;
    // One row after the other: rows of one earning apply in file order (an adjustment, then its reversal).
    for (const raw of rows) {
      const result = await this.applyRow(ctx, raw);
      if (result.position && (position === null || comparePositions(result.position, position) > 0)) position = result.position;
      results.push(result.row);
    }
    const count = (status: ImportRowResult['status']) => results.filter((r) => r.status === status).length;
    return withPosition({ rows: results, applied: count('applied'), duplicates: count('duplicate'), rejected: count('rejected') }, position);
  }

  private parse(body: string, contentType: string): RawRow[] {
    try {
      return /xml/i.test(contentType) ? parseXmlRows(body) : parseCsvRows(body);
    } catch (error) {
      if (error instanceof TooManyRows) throw new EdgeHttpError(413, 'TOO_MANY_ROWS', error.message);
      throw error;
    }
  }

  private async applyRow(ctx: RequestContext, raw: RawRow): Promise<{ row: ImportRowResult; position: Position | null }> {
    const plan = planRow(ctx.org, raw);
    if (!plan.ok) return { row: { row: raw.row, status: 'rejected', error: { code: 'VALIDATION_FAILED', detail: 'The row has invalid fields.', errors: plan.problems } }, position: null };
    try {
      const earningId = await this.earningIdOf(ctx.org, plan.earning);
      const note = plan.note === undefined ? {} : { note: plan.note };
      let request: ModificationRequest;
      if (plan.action === 'adjust') {
        request = {
          type: 'adjust', earningId, modificationId: plan.modificationId, applyCurrentTerms: false, reasonCode: plan.reasonCode, ...note,
          ...(plan.amount ? { amount: plan.amount } : { commissionBase: plan.commissionBase! }),
        };
      } else if (plan.action === 'reverse') {
        request = { type: 'reverse', earningId, modificationId: plan.modificationId, reasonCode: plan.reasonCode, ...note };
      } else {
        const original = await this.db.selectFrom('ledger_earning').select(['influencer_id', 'campaign_id']).where('org', '=', ctx.org).where('earning_id', '=', earningId).limit(1).executeTakeFirst();
        if (!original) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `Earning ${earningId} does not exist.`);
        request = {
          type: 'make_good', modificationId: plan.modificationId, influencerId: original.influencer_id, campaignId: original.campaign_id,
          amount: plan.amount!, originalEarningId: earningId, reasonCode: plan.reasonCode, ...note,
        };
      }
      const outcome = await this.modifications.apply(ctx.org, (now) => eventMetadataFrom(ctx, { occurredAt: now, sourceRef: `import:${plan.modificationId}` }), [request]);
      const result = outcome.results[0]!;
      return { row: { row: raw.row, status: result.applied ? 'applied' : 'duplicate', earningId: result.earningId, modificationId: plan.modificationId }, position: outcome.position };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const detail = { code: error.code, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) };
      return { row: { row: raw.row, status: 'rejected', modificationId: plan.modificationId, ...('earningId' in plan.earning ? { earningId: plan.earning.earningId } : {}), error: detail }, position: null };
    }
  }

  /** By id, or the commission earning of the order at that level (one: the attributed influencer's line of referrals). */
  private async earningIdOf(org: string, ref: EarningRef): Promise<string> {
    if ('earningId' in ref) return ref.earningId;
    const rows = await this.db
      .selectFrom('ledger_earning')
      .select('earning_id')
      .where('org', '=', org)
      .where('order_id', '=', ref.orderId)
      .where('level', '=', ref.level)
      .where('kind', '=', 'commission')
      .limit(2)
      .execute();
    if (rows.length !== 1) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `No single earning of order ${ref.orderId} at level ${ref.level}.`);
    return rows[0]!.earning_id.toLowerCase();
  }
}
