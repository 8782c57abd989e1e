import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import { EdgeHttpError, Ctx, RawTextBody, RequiresActingRole, withPosition } from '@ledger/http';
import { DATABASE, eventMetadataFrom, type RequestContext } from '@ledger/runtime';
import { comparePositions, type Position } from '@ledger/event-store';
import { DomainError, LIMITS, NotFound } from '@ledger/kernel';
import type { LedgerPartialDB } from '../../../earnings/read-models/earning-ledger/earning-ledger.table';
import { EarningModifications, makeGoodIdOf } from '../../earning-modifications.service';
import { earningStream } from '../../../earnings/ledger-streams';
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
    const prepared: Prepared[] = [];
    const originals = new Map<string, { influencer_id: string; campaign_id: string } | undefined>();
    for (const raw of rows) {
      const outcome = await this.prepare(ctx, raw, originals);
      if ('rejected' in outcome) results.push(outcome.rejected);
      else {
        prepared.push({ ...outcome, at: results.length });
        results.push({ row: raw.row, status: 'rejected' }); // settled when its chunk is applied
      }
    }
    let position: Position | null = null;
    for (const chunk of chunksOf(prepared)) {
      const chunkPosition = await this.applyChunk(ctx, chunk, results);
      if (chunkPosition && (position === null || comparePositions(chunkPosition, position) > 0)) position = chunkPosition;
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

  /** The row as a modification request, or why it is rejected (bad fields, an earning this org does not have). */
  private async prepare(ctx: RequestContext, raw: RawRow, originals: Map<string, { influencer_id: string; campaign_id: string } | undefined>): Promise<Omit<Prepared, 'at'> | { rejected: ImportRowResult }> {
    const plan = planRow(ctx.org, raw);
    if (!plan.ok) return { rejected: { row: raw.row, status: 'rejected', error: { code: 'VALIDATION_FAILED', detail: 'The row has invalid fields.', errors: plan.problems } } };
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
        // Many rows may make good one earning: its influencer and campaign are looked up once per file.
        if (!originals.has(earningId)) {
          originals.set(earningId, await this.db.selectFrom('ledger_earning').select(['influencer_id', 'campaign_id']).where('org', '=', ctx.org).where('earning_id', '=', earningId).limit(1).executeTakeFirst());
        }
        const original = originals.get(earningId);
        if (!original) throw new NotFound('LEDGER.EARNING_NOT_FOUND', `Earning ${earningId} does not exist.`);
        request = {
          type: 'make_good', modificationId: plan.modificationId, influencerId: original.influencer_id, campaignId: original.campaign_id,
          amount: plan.amount!, originalEarningId: earningId, reasonCode: plan.reasonCode, ...note,
        };
      }
      return { row: raw.row, modificationId: plan.modificationId, request, streams: streamsOf(ctx.org, request) };
    } catch (error) {
      return { rejected: rejectedRow(raw.row, plan.modificationId, 'earningId' in plan.earning ? plan.earning.earningId : undefined, error) };
    }
  }

  /**
   * A chunk of rows on distinct earnings is one append; when the ledger refuses any of them, each row of the
   * chunk is applied on its own, so the refusal lands on its row and the others still apply.
   */
  private async applyChunk(ctx: RequestContext, chunk: Prepared[], results: ImportRowResult[]): Promise<Position | null> {
    const metadata = (now: string) => eventMetadataFrom(ctx, { occurredAt: now, sourceRef: 'earning/import' });
    try {
      const outcome = await this.modifications.apply(ctx.org, metadata, chunk.map((p) => p.request));
      outcome.results.forEach((result, i) => settle(results, chunk[i]!, result.applied, result.earningId));
      return outcome.position;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (chunk.length === 1) {
        results[chunk[0]!.at] = rejectedRow(chunk[0]!.row, chunk[0]!.modificationId, earningIdOfRequest(chunk[0]!.request), error);
        return null;
      }
    }
    let position: Position | null = null;
    for (const one of chunk) {
      const p = await this.applyChunk(ctx, [one], results);
      if (p && (position === null || comparePositions(p, position) > 0)) position = p;
    }
    return position;
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

interface Prepared {
  /** Index of the row's slot in the answer. */
  at: number;
  row: number;
  modificationId: string;
  request: ModificationRequest;
  streams: string[];
}

/** Consecutive rows, up to LIMITS.modifications.requestsPerCall, no two writing one earning: file order is kept per earning. */
function chunksOf(prepared: readonly Prepared[]): Prepared[][] {
  const chunks: Prepared[][] = [];
  let chunk: Prepared[] = [];
  let streams = new Set<string>();
  for (const p of prepared) {
    if (chunk.length === LIMITS.modifications.requestsPerCall || p.streams.some((s) => streams.has(s))) {
      chunks.push(chunk);
      chunk = [];
      streams = new Set();
    }
    chunk.push(p);
    p.streams.forEach((s) => streams.add(s));
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The stream a request writes: a make-good only reads its original, so make-goods of one earning share a chunk. */
function streamsOf(org: string, request: ModificationRequest): string[] {
  if (request.type === 'make_good' || request.type === 'make_good_of_rest') return [earningStream(org, makeGoodIdOf(org, request.modificationId))];
  return [earningStream(org, request.earningId)];
}

function earningIdOfRequest(request: ModificationRequest): string | undefined {
  return 'earningId' in request ? request.earningId : request.originalEarningId;
}

function settle(results: ImportRowResult[], p: Prepared, applied: boolean, earningId: string): void {
  results[p.at] = { row: p.row, status: applied ? 'applied' : 'duplicate', earningId, modificationId: p.modificationId };
}

function rejectedRow(row: number, modificationId: string, earningId: string | undefined, error: unknown): ImportRowResult {
  if (!(error instanceof DomainError)) throw error;
  return {
    row, status: 'rejected', modificationId, ...(earningId === undefined ? {} : { earningId }),
    error: { code: error.code, detail: error.message, ...(error.errors ? { errors: error.errors } : {}) },
  };
}
