import { Body, Controller, Inject, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Kysely } from 'kysely';
import { NotFound } from '@ledger/kernel';
import { Ctx, PartnerScoped, partnerRows, ReadOnly, Roles } from '@ledger/http';
import { DATABASE, type RequestContext } from '@ledger/runtime';
import { STATEMENT_READ_ROLES } from '../../commands/statement-roles';
import type { StatementStatementPartialDB } from '../../read-models/statement/statement.table';
import { StatementAnswer } from '../../statement.answer.dto';
import type { StatementView } from '../../statement.view';
import { statementCsv } from './statement-csv';
import { statementPdf } from './statement-pdf';
import { GetStatementRequest } from './get-statement.request.dto';

@ApiTags('statements')
@Controller('influencer/statement')
export class GetStatementController {
  constructor(@Inject(DATABASE) private readonly db: Kysely<StatementStatementPartialDB>) {}

  @Post('get')
  @ReadOnly()
  @Roles(...STATEMENT_READ_ROLES)
  @PartnerScoped({ rowColumn: 'influencer_id' })
  @ApiOperation({ summary: 'An issued statement as JSON, CSV (text/csv) or PDF (application/pdf); a partner token reads only its own' })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: StatementAnswer })
  async get(@Ctx() ctx: RequestContext, @Body() body: GetStatementRequest, @Res({ passthrough: true }) res: Response): Promise<string | StreamableFile> {
    let query = this.db.selectFrom('statement_statement').select(['body', 'influencer_id']).where('org', '=', ctx.org).where('statement_id', '=', body.statementId);
    query = query.$call(partnerRows(ctx));
    const row = await query.limit(1).executeTakeFirst();
    if (!row) throw new NotFound('STATEMENT.NOT_FOUND', `Statement ${body.statementId} does not exist.`);
    // The stored text is the answer: the bytes written when the statement was issued (or rebuilt from its event).
    switch (body.format ?? 'json') {
      case 'csv':
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        return statementCsv(JSON.parse(row.body) as StatementView);
      case 'pdf':
        // A Buffer returned as such would be serialised as JSON: a StreamableFile is sent as bytes.
        return new StreamableFile(await statementPdf(JSON.parse(row.body) as StatementView), { type: 'application/pdf' });
      default:
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        return row.body;
    }
  }
}
