import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sql, type Kysely } from 'kysely';
import { LIMITS, ValidationFailed } from '@ledger/kernel';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { STATEMENT_READ_ROLES } from '../../commands/statement-roles';
import type { StatementStatementPartialDB } from '../../read-models/statement/statement.table';
import type { StatementView } from '../../statement.view';
import { ListStatementsAnswer, ListStatementsRequest, type StatementSummary } from './list-statements.request.dto';

@ApiTags('statements')
@Controller('influencer/statement')
export class ListStatementsController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<StatementStatementPartialDB>) {}

  @Post('list')
  @ReadOnly()
  @Roles(...STATEMENT_READ_ROLES)
  @PartnerScoped({ requestField: 'influencerId', rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'Issued statements of this org (a partner token: its own), oldest period first, without their lines (keyset pages)' })
  @ApiOkResponse({ type: ListStatementsAnswer })
  async list(@Ctx() ctx: RequestContext, @Body() body: ListStatementsRequest): Promise<ListStatementsAnswer> {
    const limit = body.limit ?? LIMITS.http.pageSizeDefault;
    const after = body.cursor === undefined ? null : decodeCursor(body.cursor);
    let query = this.db
      .selectFrom('statement_statement')
      .select(['statement_id', 'body'])
      .select(sql<string>`to_char(period_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'))
      .where('org', '=', ctx.org);
    query = query.$call(partnerRows(ctx));
    if (body.influencerId !== undefined) query = query.where('influencer_id', '=', body.influencerId);
    if (body.from !== undefined) query = query.where('period_start', '>=', new Date(body.from));
    if (body.to !== undefined) query = query.where('period_end', '<=', new Date(body.to));
    if (after) query = query.where(sql<boolean>`(period_start, statement_id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
    const rows = await query.orderBy('period_start').orderBy('statement_id').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map((r) => summaryOf(JSON.parse(r.body) as StatementView)), nextCursor: rows.length > limit && last ? encodeCursor(last.cursor_at, last.statement_id) : null };
  }
}

function summaryOf(s: StatementView): StatementSummary {
  const { lines, ...rest } = s;
  return { ...rest, lineCount: lines.length };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && INSTANT.test(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
  } catch {
    // fall through: not one of ours
  }
  throw new ValidationFailed([{ field: 'cursor', problem: 'must be a nextCursor returned by statement/list' }]);
}
