import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { Ctx, ReadOnly, Roles } from '@ledger/http';
import { CLOCK, Conflict, ValidationFailed, type Clock, type FieldProblem } from '@ledger/kernel';
import type { RequestContext } from '@ledger/runtime';
import { loadBatch } from '../../commands/load-batch';
import { PAYOUT_QUERY_ROLES } from '../../payout-roles';
import { bankCsv, bankItems, pain001 } from './bank-file';
import { ExportPayoutBatchRequest } from './export-batch.request.dto';
import { isValidBankAccount } from './iban';

@ApiTags('payouts')
@Controller('influencer/payout/batch')
export class ExportPayoutBatchController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('export')
  @ReadOnly()
  @Roles(...PAYOUT_QUERY_ROLES)
  @ApiProduces('text/csv', 'application/xml')
  @ApiOperation({ summary: 'The bank file (CSV or SEPA pain.001.001.03) of the batch\'s pending bank_transfer items; confirm each with payout/item/report' })
  @ApiOkResponse({ description: 'text/csv or application/xml', schema: { type: 'string' } })
  async export(@Ctx() ctx: RequestContext, @Body() body: ExportPayoutBatchRequest, @Res({ passthrough: true }) res: Response): Promise<string> {
    const batch = await loadBatch(this.store, ctx.org, body.batchId);
    if (batch.phase !== 'executing') throw new Conflict('not_executing', `Payout batch ${batch.batchId} is ${batch.phase}: execute it before exporting its bank file.`);
    const items = bankItems(batch);
    if (body.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return bankCsv(batch, items);
    }
    const problems: FieldProblem[] = [];
    if (body.debtorName === undefined) problems.push({ field: 'debtorName', problem: 'is required for pain.001' });
    if (body.debtorIban === undefined || !isValidBankAccount(body.debtorIban, body.debtorBic)) problems.push({ field: 'debtorIban', problem: 'must be a valid IBAN (with a valid debtorBic when given) for pain.001' });
    if (problems.length > 0) throw new ValidationFailed(problems);
    if (batch.currency !== 'EUR') throw new Conflict('not_sepa_currency', `SEPA credit transfers are in EUR; batch ${batch.batchId} is in ${batch.currency} (use format csv).`);
    const now = this.clock.now().toISOString();
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    const debtor = { name: body.debtorName!, iban: body.debtorIban!.replace(/\s/g, '').toUpperCase(), ...(body.debtorBic === undefined ? {} : { bic: body.debtorBic.toUpperCase() }) };
    return pain001(batch, items, debtor, now, now.slice(0, 10));
  }
}
